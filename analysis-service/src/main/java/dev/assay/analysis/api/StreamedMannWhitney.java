package dev.assay.analysis.api;

import dev.assay.analysis.ranks.GrowableSample;
import dev.assay.analysis.v1.MannWhitneyOptions;
import dev.assay.analysis.v1.StreamMannWhitneyTestRequest;
import dev.assay.analysis.v1.StreamMannWhitneyTestResponse;
import dev.assay.runtime.errors.ValidationException;
import dev.assay.runtime.errors.Violations;
import io.grpc.stub.StreamObserver;
import java.util.List;

/**
 * Receives a streamed Mann-Whitney test: collects both samples as primitive arrays (ranks need
 * every value) up to {@link #MAX_VALUES_PER_GROUP} per group, and answers once the client
 * half-closes.
 */
final class StreamedMannWhitney
    extends TwoGroupStream<StreamMannWhitneyTestRequest, StreamMannWhitneyTestResponse> {
  /** Largest sample per group (80 MB of doubles). */
  static final int MAX_VALUES_PER_GROUP = 10_000_000;

  private final GrowableSample control = new GrowableSample();
  private final GrowableSample treatment = new GrowableSample();
  private MannWhitneyOptions options;

  StreamedMannWhitney(StreamObserver<StreamMannWhitneyTestResponse> responses) {
    super(responses);
  }

  @Override
  void accept(StreamMannWhitneyTestRequest chunk) {
    if (options == null && chunk.hasOptions()) {
      options = chunk.getOptions();
    }
    add(chunk.getControlValuesList(), control, "control_values");
    add(chunk.getTreatmentValuesList(), treatment, "treatment_values");
  }

  private static void add(List<Double> values, GrowableSample sample, String field) {
    if ((long) sample.size() + values.size() > MAX_VALUES_PER_GROUP) {
      throw ValidationException.of(field, "at most " + MAX_VALUES_PER_GROUP + " values per group");
    }
    for (int i = 0; i < values.size(); i++) {
      sample.add(finite(values.get(i), field, sample.size()));
    }
  }

  @Override
  StreamMannWhitneyTestResponse finish() {
    new Violations()
        .check(control.size() < 1, "control_values", "needs at least 1 value")
        .check(treatment.size() < 1, "treatment_values", "needs at least 1 value")
        .throwIfAny();
    MannWhitneyOptions chosen = options == null ? MannWhitneyOptions.getDefaultInstance() : options;
    return StreamMannWhitneyTestResponse.newBuilder()
        .setResult(
            MannWhitneyCalls.test(
                control.values(),
                control.size(),
                treatment.values(),
                treatment.size(),
                chosen,
                "values"))
        .build();
  }
}
