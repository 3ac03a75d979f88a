package dev.assay.analysis.api;

import dev.assay.analysis.ranks.GrowableSample;
import dev.assay.analysis.v1.MannWhitneyOptions;
import dev.assay.analysis.v1.StreamMannWhitneyTestRequest;
import dev.assay.analysis.v1.StreamMannWhitneyTestResponse;
import dev.assay.runtime.errors.Violations;
import io.grpc.stub.StreamObserver;

/**
 * Receives a streamed Mann-Whitney test: collects both samples as primitive arrays (ranks need
 * every value) up to {@link #MAX_VALUES_PER_GROUP} per group, and answers once the client
 * half-closes.
 */
final class StreamedMannWhitney
    extends TwoGroupStream<
        StreamMannWhitneyTestRequest,
        MannWhitneyOptions,
        StreamedMannWhitney.Values,
        StreamMannWhitneyTestResponse> {
  /** Largest sample per group (80 MB of doubles). */
  static final int MAX_VALUES_PER_GROUP = 10_000_000;

  StreamedMannWhitney(StreamObserver<StreamMannWhitneyTestResponse> responses) {
    super(responses, MannWhitneyOptions.getDefaultInstance(), Values::new);
  }

  @Override
  Chunk<MannWhitneyOptions> read(StreamMannWhitneyTestRequest chunk) {
    return new Chunk<>(
        chunk.hasOptions() ? chunk.getOptions() : null,
        chunk.getControlValuesList(),
        chunk.getTreatmentValuesList());
  }

  @Override
  StreamMannWhitneyTestResponse finish(
      MannWhitneyOptions options, Values control, Values treatment) {
    new Violations()
        .check(control.size() < 1, "control_values", "needs at least 1 value")
        .check(treatment.size() < 1, "treatment_values", "needs at least 1 value")
        .throwIfAny();
    return StreamMannWhitneyTestResponse.newBuilder()
        .setResult(
            MannWhitneyCalls.test(
                control.sample.values(),
                control.sample.size(),
                treatment.sample.values(),
                treatment.sample.size(),
                options,
                "values"))
        .build();
  }

  /** A group kept as every value, unboxed. */
  static final class Values extends TwoGroupStream.Group {
    private final GrowableSample sample = new GrowableSample();

    Values(String field) {
      super(field, MAX_VALUES_PER_GROUP);
    }

    @Override
    long size() {
      return sample.size();
    }

    @Override
    void add(double value) {
      sample.add(value);
    }
  }
}
