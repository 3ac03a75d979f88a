package dev.assay.analysis.api;

import dev.assay.analysis.ranks.GrowableSample;
import dev.assay.analysis.v1.MannWhitneyOptions;
import dev.assay.analysis.v1.StreamMannWhitneyTestRequest;
import dev.assay.analysis.v1.StreamMannWhitneyTestResponse;
import dev.assay.runtime.errors.GrpcErrors;
import dev.assay.runtime.errors.ValidationException;
import dev.assay.runtime.errors.Violations;
import io.grpc.stub.StreamObserver;
import java.util.List;

/**
 * Receives a streamed Mann-Whitney test: collects both samples as primitive arrays (ranks need every
 * value) up to {@link #MAX_VALUES_PER_GROUP} per group, and answers once the client half-closes.
 */
final class StreamedMannWhitney implements StreamObserver<StreamMannWhitneyTestRequest> {
  /** Largest sample per group (80 MB of doubles). */
  static final int MAX_VALUES_PER_GROUP = 10_000_000;

  private final StreamObserver<StreamMannWhitneyTestResponse> responses;
  private final GrowableSample control = new GrowableSample();
  private final GrowableSample treatment = new GrowableSample();
  private MannWhitneyOptions options;
  private boolean isFailed;

  StreamedMannWhitney(StreamObserver<StreamMannWhitneyTestResponse> responses) {
    this.responses = responses;
  }

  @Override
  public void onNext(StreamMannWhitneyTestRequest chunk) {
    if (isFailed) {
      return;
    }
    if (options == null && chunk.hasOptions()) {
      options = chunk.getOptions();
    }
    try {
      add(chunk.getControlValuesList(), control, "control_values");
      add(chunk.getTreatmentValuesList(), treatment, "treatment_values");
    } catch (ValidationException e) {
      fail(e);
    }
  }

  private static void add(List<Double> values, GrowableSample sample, String field) {
    if ((long) sample.size() + values.size() > MAX_VALUES_PER_GROUP) {
      throw ValidationException.of(field, "at most " + MAX_VALUES_PER_GROUP + " values per group");
    }
    for (int i = 0; i < values.size(); i++) {
      double v = values.get(i);
      if (!Double.isFinite(v)) {
        throw ValidationException.of(field + "[" + sample.size() + "]", "must be a finite number, got " + v);
      }
      sample.add(v);
    }
  }

  @Override
  public void onError(Throwable t) {
    isFailed = true;
  }

  @Override
  public void onCompleted() {
    if (isFailed) {
      return;
    }
    try {
      new Violations()
          .check(control.size() < 1, "control_values", "needs at least 1 value")
          .check(treatment.size() < 1, "treatment_values", "needs at least 1 value")
          .throwIfAny();
      MannWhitneyOptions chosen = options == null ? MannWhitneyOptions.getDefaultInstance() : options;
      responses.onNext(
          StreamMannWhitneyTestResponse.newBuilder()
              .setResult(
                  MannWhitneyCalls.test(
                      control.values(), control.size(), treatment.values(), treatment.size(), chosen, "values"))
              .build());
      responses.onCompleted();
    } catch (RuntimeException e) {
      fail(e);
    }
  }

  private void fail(RuntimeException e) {
    isFailed = true;
    responses.onError(GrpcErrors.toStatusException(e));
  }
}
