package dev.assay.analysis.api;

import dev.assay.analysis.means.OnlineMoments;
import dev.assay.analysis.v1.StreamTTestRequest;
import dev.assay.analysis.v1.StreamTTestResponse;
import dev.assay.analysis.v1.TTestOptions;
import dev.assay.runtime.errors.GrpcErrors;
import dev.assay.runtime.errors.ValidationException;
import dev.assay.runtime.errors.Violations;
import io.grpc.stub.StreamObserver;

/**
 * Receives a streamed t-test: accumulates running moments of each group as chunks arrive (O(1)
 * memory whatever the sample size) and answers once the client half-closes.
 */
final class StreamedTTest implements StreamObserver<StreamTTestRequest> {
  private final StreamObserver<StreamTTestResponse> responses;
  private final OnlineMoments control = new OnlineMoments();
  private final OnlineMoments treatment = new OnlineMoments();
  private TTestOptions options;
  private boolean isFailed;

  StreamedTTest(StreamObserver<StreamTTestResponse> responses) {
    this.responses = responses;
  }

  @Override
  public void onNext(StreamTTestRequest chunk) {
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

  private static void add(java.util.List<Double> values, OnlineMoments moments, String field) {
    for (int i = 0; i < values.size(); i++) {
      double v = values.get(i);
      if (!Double.isFinite(v)) {
        throw ValidationException.of(field + "[" + moments.count() + "]", "must be a finite number, got " + v);
      }
      moments.add(v);
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
      Violations violations = new Violations();
      FieldChecks.minimumSize(violations, control.count(), 2, "control_values");
      FieldChecks.minimumSize(violations, treatment.count(), 2, "treatment_values");
      violations.throwIfAny();
      var controlSummary = TTestCalls.summary(violations, control, "control_values");
      var treatmentSummary = TTestCalls.summary(violations, treatment, "treatment_values");
      violations.throwIfAny();
      TTestOptions chosen = options == null ? TTestOptions.getDefaultInstance() : options;
      responses.onNext(
          StreamTTestResponse.newBuilder()
              .setResult(TTestCalls.test(violations, controlSummary, treatmentSummary, chosen, "values"))
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
