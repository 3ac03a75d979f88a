package dev.assay.assignment.api;

import dev.assay.assignment.definitions.Limits;
import dev.assay.assignment.evaluation.Evaluator;
import dev.assay.assignment.v1.BatchEvaluateRequest;
import dev.assay.assignment.v1.BatchEvaluateResponse;
import dev.assay.assignment.v1.EvaluateRequest;
import dev.assay.assignment.v1.EvaluateResponse;
import dev.assay.assignment.v1.EvaluationServiceGrpc;
import dev.assay.assignment.v1.StreamEvaluateRequest;
import dev.assay.assignment.v1.StreamEvaluateResponse;
import dev.assay.runtime.errors.ValidationException;
import dev.assay.runtime.errors.Violations;
import io.grpc.stub.StreamObserver;
import java.util.Map;

/** gRPC adapter for evaluation: validates, converts, evaluates from memory. */
public final class EvaluationGrpcService extends EvaluationServiceGrpc.EvaluationServiceImplBase {
  private final Evaluator evaluator;

  /** Evaluates with {@code evaluator}. */
  public EvaluationGrpcService(Evaluator evaluator) {
    this.evaluator = evaluator;
  }

  @Override
  public void evaluate(EvaluateRequest request, StreamObserver<EvaluateResponse> responses) {
    EvaluateResponse response = evaluateOne(request, "");
    responses.onNext(response);
    responses.onCompleted();
  }

  @Override
  public void batchEvaluate(
      BatchEvaluateRequest request, StreamObserver<BatchEvaluateResponse> responses) {
    int count = request.getRequestsCount();
    if (count == 0 || count > Limits.MAX_UNITS_PER_BATCH) {
      throw ValidationException.of("requests", "needs 1 to 1,000 units, got " + count);
    }
    BatchEvaluateResponse.Builder batch = BatchEvaluateResponse.newBuilder();
    for (int i = 0; i < count; i++) {
      batch.addResponses(evaluateOne(request.getRequests(i), "requests[" + i + "]."));
    }
    responses.onNext(batch.build());
    responses.onCompleted();
  }

  @Override
  public StreamObserver<StreamEvaluateRequest> streamEvaluate(
      StreamObserver<StreamEvaluateResponse> responses) {
    return new StreamObserver<>() {
      @Override
      public void onNext(StreamEvaluateRequest item) {
        StreamEvaluateResponse.Builder out = StreamEvaluateResponse.newBuilder();
        try {
          out.setResponse(evaluateOne(item.getRequest(), "request."));
        } catch (ValidationException e) {
          out.setError(e.getMessage());
        }
        responses.onNext(out.build());
      }

      @Override
      public void onError(Throwable t) {
        // The client cancelled or failed; nothing to clean up.
      }

      @Override
      public void onCompleted() {
        responses.onCompleted();
      }
    };
  }

  private EvaluateResponse evaluateOne(EvaluateRequest request, String fieldPrefix) {
    new Violations()
        .check(
            !Limits.isValidUnitId(request.getUnitId()),
            fieldPrefix + "unit_id",
            "must be 1-256 characters, got " + request.getUnitId().length())
        .check(
            request.getExperimentKeysCount() > Limits.MAX_KEYS_PER_EVALUATION,
            fieldPrefix + "experiment_keys",
            "at most 1,000 keys, got " + request.getExperimentKeysCount())
        .check(
            request.getFlagKeysCount() > Limits.MAX_KEYS_PER_EVALUATION,
            fieldPrefix + "flag_keys",
            "at most 1,000 keys, got " + request.getFlagKeysCount())
        .throwIfAny();
    Map<String, Object> attributes = JsonValues.toMap(request.getAttributes());
    attributes.putIfAbsent("id", request.getUnitId());
    return EvaluationMapper.toProto(
        evaluator.evaluate(
            request.getUnitId(),
            attributes,
            request.getExperimentKeysList(),
            request.getFlagKeysList()));
  }
}
