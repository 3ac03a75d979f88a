package dev.assay.analysis.api;

import dev.assay.analysis.means.OnlineMoments;
import dev.assay.analysis.v1.StreamTTestRequest;
import dev.assay.analysis.v1.StreamTTestResponse;
import dev.assay.analysis.v1.TTestOptions;
import dev.assay.runtime.errors.Violations;
import io.grpc.stub.StreamObserver;
import java.util.List;

/**
 * Receives a streamed t-test: accumulates running moments of each group as chunks arrive (O(1)
 * memory whatever the sample size) and answers once the client half-closes.
 */
final class StreamedTTest extends TwoGroupStream<StreamTTestRequest, StreamTTestResponse> {
  private final OnlineMoments control = new OnlineMoments();
  private final OnlineMoments treatment = new OnlineMoments();
  private TTestOptions options;

  StreamedTTest(StreamObserver<StreamTTestResponse> responses) {
    super(responses);
  }

  @Override
  void accept(StreamTTestRequest chunk) {
    if (options == null && chunk.hasOptions()) {
      options = chunk.getOptions();
    }
    add(chunk.getControlValuesList(), control, "control_values");
    add(chunk.getTreatmentValuesList(), treatment, "treatment_values");
  }

  private static void add(List<Double> values, OnlineMoments moments, String field) {
    for (int i = 0; i < values.size(); i++) {
      moments.add(finite(values.get(i), field, moments.count()));
    }
  }

  @Override
  StreamTTestResponse finish() {
    Violations violations = new Violations();
    FieldChecks.minimumSize(violations, control.count(), 2, "control_values");
    FieldChecks.minimumSize(violations, treatment.count(), 2, "treatment_values");
    violations.throwIfAny();
    var controlSummary = TTestCalls.summary(violations, control, "control_values");
    var treatmentSummary = TTestCalls.summary(violations, treatment, "treatment_values");
    violations.throwIfAny();
    TTestOptions chosen = options == null ? TTestOptions.getDefaultInstance() : options;
    return StreamTTestResponse.newBuilder()
        .setResult(TTestCalls.test(violations, controlSummary, treatmentSummary, chosen, "values"))
        .build();
  }
}
