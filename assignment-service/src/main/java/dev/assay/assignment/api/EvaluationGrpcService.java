package dev.assay.assignment.api;

import dev.assay.assignment.evaluation.Assignment;
import dev.assay.assignment.evaluation.Evaluation;
import dev.assay.assignment.evaluation.EvaluationRequest;
import dev.assay.assignment.evaluation.Evaluator;
import dev.assay.assignment.v1.BatchEvaluateRequest;
import dev.assay.assignment.v1.BatchEvaluateResponse;
import dev.assay.assignment.v1.EvaluateRequest;
import dev.assay.assignment.v1.EvaluateResponse;
import dev.assay.assignment.v1.EvaluationServiceGrpc;
import dev.assay.assignment.v1.RecordExposuresRequest;
import dev.assay.assignment.v1.RecordExposuresResponse;
import dev.assay.assignment.v1.StreamEvaluateRequest;
import dev.assay.assignment.v1.StreamEvaluateResponse;
import dev.assay.runtime.errors.FieldViolation;
import dev.assay.runtime.errors.PermissionDeniedException;
import dev.assay.runtime.errors.ValidationException;
import dev.assay.runtime.security.Caller;
import dev.assay.runtime.security.RequestContext;
import io.grpc.stub.StreamObserver;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * gRPC adapter for evaluation: translates, evaluates from memory. A caller limited to projects may
 * list only keys within them, and "every experiment/flag" means every one within them.
 */
final class EvaluationGrpcService extends EvaluationServiceGrpc.EvaluationServiceImplBase {
  private final Evaluator evaluator;

  /** Evaluates with {@code evaluator}. */
  EvaluationGrpcService(Evaluator evaluator) {
    this.evaluator = evaluator;
  }

  @Override
  public void evaluate(EvaluateRequest request, StreamObserver<EvaluateResponse> responses) {
    Caller caller = RequestContext.currentCaller();
    requireKeys(caller, request, "");
    responses.onNext(
        EvaluationMapper.toProto(evaluator.evaluate(toDomain(request, ""), visible(caller))));
    responses.onCompleted();
  }

  @Override
  public void batchEvaluate(
      BatchEvaluateRequest request, StreamObserver<BatchEvaluateResponse> responses) {
    Caller caller = RequestContext.currentCaller();
    BatchEvaluateResponse.Builder batch = BatchEvaluateResponse.newBuilder();
    List<EvaluationRequest> requests = new ArrayList<>(request.getRequestsCount());
    for (int i = 0; i < request.getRequestsCount(); i++) {
      requireKeys(caller, request.getRequests(i), "requests[" + i + "].");
      requests.add(toDomain(request.getRequests(i), "requests[" + i + "]."));
    }
    for (Evaluation evaluation : evaluator.evaluateBatch(requests, visible(caller))) {
      batch.addResponses(EvaluationMapper.toProto(evaluation));
    }
    responses.onNext(batch.build());
    responses.onCompleted();
  }

  @Override
  public StreamObserver<StreamEvaluateRequest> streamEvaluate(
      StreamObserver<StreamEvaluateResponse> responses) {
    // The stream's items arrive outside the call's context; its caller is read once, here.
    Caller caller = RequestContext.currentCaller();
    return new StreamObserver<>() {
      @Override
      public void onNext(StreamEvaluateRequest item) {
        StreamEvaluateResponse.Builder out = StreamEvaluateResponse.newBuilder();
        try {
          requireKeys(caller, item.getRequest(), "");
          out.setResponse(
              EvaluationMapper.toProto(
                  evaluator.evaluate(toDomain(item.getRequest(), ""), visible(caller))));
        } catch (PermissionDeniedException e) {
          // Like a bad item, a key outside the caller's projects fails that item only.
          out.setError("request." + e.getMessage());
        } catch (ValidationException e) {
          // One bad item answers with its error and the stream goes on; its fields are named
          // within the stream item ("request.unit_id").
          out.setError(
              e.violations().stream()
                  .map(EvaluationGrpcService::withinStreamItem)
                  .collect(Collectors.joining("; ")));
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

  @Override
  public void recordExposures(
      RecordExposuresRequest request, StreamObserver<RecordExposuresResponse> responses) {
    Caller caller = RequestContext.currentCaller();
    ProjectAccess.requireKeys(caller, request.getExperimentKeysList(), "experiment_keys");
    Map<String, Object> attributes = JsonValues.toMap(request.getAttributes(), "attributes");
    attributes.putIfAbsent("id", request.getUnitId());
    RecordExposuresResponse.Builder response = RecordExposuresResponse.newBuilder();
    for (Assignment assignment :
        evaluator.recordExposures(
            request.getUnitId(), attributes, request.getExperimentKeysList())) {
      response.addAssignments(EvaluationMapper.toProto(assignment));
    }
    responses.onNext(response.build());
    responses.onCompleted();
  }

  /** Refuses listed keys outside the caller's projects, before anything is looked up. */
  private static void requireKeys(Caller caller, EvaluateRequest request, String prefix) {
    ProjectAccess.requireKeys(caller, request.getExperimentKeysList(), prefix + "experiment_keys");
    ProjectAccess.requireKeys(caller, request.getFlagKeysList(), prefix + "flag_keys");
  }

  /** What "every experiment" and "every flag" mean for this caller. */
  private static Predicate<String> visible(Caller caller) {
    return caller.projects().isEmpty() ? Evaluator.EVERY_KEY : caller::mayAccess;
  }

  /** The domain request; the unit id is also the {@code id} attribute unless one is given. */
  private static EvaluationRequest toDomain(EvaluateRequest request, String prefix) {
    Map<String, Object> attributes =
        JsonValues.toMap(request.getAttributes(), prefix + "attributes");
    attributes.putIfAbsent("id", request.getUnitId());
    return new EvaluationRequest(
        request.getUnitId(),
        attributes,
        request.getExperimentKeysList(),
        request.getFlagKeysList(),
        request.getSkipExposures());
  }

  private static String withinStreamItem(FieldViolation v) {
    return "request." + v.field() + ": " + v.description();
  }
}
