package dev.assay.analysis.api;

import dev.assay.analysis.means.OnlineMoments;
import dev.assay.analysis.means.SampleSummary;
import dev.assay.analysis.v1.StreamTTestRequest;
import dev.assay.analysis.v1.StreamTTestResponse;
import dev.assay.analysis.v1.TTestOptions;
import dev.assay.runtime.errors.Violations;
import io.grpc.stub.StreamObserver;

/**
 * Receives a streamed t-test: accumulates running moments of each group as chunks arrive (O(1)
 * memory whatever the sample size) and answers once the client half-closes.
 */
final class StreamedTTest
    extends TwoGroupStream<
        StreamTTestRequest, TTestOptions, StreamedTTest.Moments, StreamTTestResponse> {
  StreamedTTest(StreamObserver<StreamTTestResponse> responses) {
    super(
        responses, "StreamTTest", Long.MAX_VALUE, TTestOptions.getDefaultInstance(), Moments::new);
  }

  @Override
  Chunk<TTestOptions> read(StreamTTestRequest chunk) {
    return new Chunk<>(
        chunk.hasOptions() ? chunk.getOptions() : null,
        chunk.getControlValuesList(),
        chunk.getTreatmentValuesList());
  }

  @Override
  StreamTTestResponse finish(TTestOptions options, Moments control, Moments treatment) {
    Violations violations = new Violations();
    FieldChecks.minimumSize(violations, control.size(), 2, "control_values");
    FieldChecks.minimumSize(violations, treatment.size(), 2, "treatment_values");
    violations.throwIfAny();
    TwoGroups<SampleSummary> groups =
        new TwoGroups<>(
            "values",
            TTestCalls.summary(violations, control.moments, "control_values"),
            TTestCalls.summary(violations, treatment.moments, "treatment_values"));
    return StreamTTestResponse.newBuilder()
        .setResult(TTestCalls.test(violations, groups, options))
        .build();
  }

  /** A group kept as its running moments. */
  static final class Moments extends TwoGroupStream.Group {
    private final OnlineMoments moments = new OnlineMoments();

    Moments(String field) {
      super(field);
    }

    @Override
    long size() {
      return moments.count();
    }

    @Override
    void add(double value) {
      moments.add(value);
    }
  }
}
