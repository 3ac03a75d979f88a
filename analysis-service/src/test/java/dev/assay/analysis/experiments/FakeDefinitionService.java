package dev.assay.analysis.experiments;

import dev.assay.assignment.v1.DefinitionServiceGrpc;
import dev.assay.assignment.v1.Experiment;
import dev.assay.assignment.v1.GetExperimentRequest;
import dev.assay.assignment.v1.GetExperimentResponse;
import dev.assay.assignment.v1.ListExperimentsRequest;
import dev.assay.assignment.v1.ListExperimentsResponse;
import dev.assay.assignment.v1.UpdateExperimentRequest;
import dev.assay.assignment.v1.UpdateExperimentResponse;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A fake of the assignment service's public {@code DefinitionService} contract: experiments in a
 * map, listed in key order a page at a time, updated by mask ({@code status}, {@code
 * rolled_out_variation}) with {@code expected_version} honoured (ABORTED on a mismatch), each
 * update's audit reason kept. {@link #setDown} makes every call UNAVAILABLE.
 */
public final class FakeDefinitionService extends DefinitionServiceGrpc.DefinitionServiceImplBase
    implements ServerInterceptor {
  private static final Context.Key<String> REASON = Context.key("reason");

  private final Map<String, Experiment> experiments = new TreeMap<>();
  private final List<String> updateReasons = new ArrayList<>();
  private volatile boolean isDown;
  private volatile boolean isUpdateFailing;
  private int pageSize = 1_000;
  private int calls;

  /** Stores (or replaces) an experiment as given, version included. */
  public synchronized void put(Experiment experiment) {
    experiments.put(experiment.getKey(), experiment);
  }

  /** The stored experiment. */
  public synchronized Experiment get(String key) {
    return experiments.get(key);
  }

  /** Every call fails UNAVAILABLE while down. */
  public void setDown(boolean isDown) {
    this.isDown = isDown;
  }

  /** Every update fails UNAVAILABLE while set (reads still work). */
  public void setUpdateFailing(boolean isUpdateFailing) {
    this.isUpdateFailing = isUpdateFailing;
  }

  /** Lists at most this many per page, whatever the request asks. */
  public synchronized void setPageSize(int pageSize) {
    this.pageSize = pageSize;
  }

  /** The audit reasons of the updates applied, in order. */
  public synchronized List<String> updateReasons() {
    return List.copyOf(updateReasons);
  }

  /** Calls answered or refused so far. */
  public synchronized int calls() {
    return calls;
  }

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
    String reason = headers.get(AssignmentDirectory.AUDIT_REASON);
    Context context = Context.current().withValue(REASON, reason == null ? "" : reason);
    return Contexts.interceptCall(context, call, headers, next);
  }

  @Override
  public void getExperiment(
      GetExperimentRequest request, StreamObserver<GetExperimentResponse> responses) {
    if (refuse(responses)) {
      return;
    }
    Experiment experiment;
    synchronized (this) {
      experiment = experiments.get(request.getKey());
    }
    if (experiment == null) {
      responses.onError(Status.NOT_FOUND.withDescription("key").asRuntimeException());
      return;
    }
    responses.onNext(GetExperimentResponse.newBuilder().setExperiment(experiment).build());
    responses.onCompleted();
  }

  @Override
  public void listExperiments(
      ListExperimentsRequest request, StreamObserver<ListExperimentsResponse> responses) {
    if (refuse(responses)) {
      return;
    }
    ListExperimentsResponse.Builder page = ListExperimentsResponse.newBuilder();
    synchronized (this) {
      int size = Math.min(pageSize, request.getPageSize() == 0 ? 100 : request.getPageSize());
      for (Experiment e : experiments.values()) {
        if (e.getKey().compareTo(request.getPageToken()) <= 0) {
          continue;
        }
        if (page.getExperimentsCount() == size) {
          page.setNextPageToken(page.getExperiments(size - 1).getKey());
          break;
        }
        page.addExperiments(e);
      }
    }
    responses.onNext(page.build());
    responses.onCompleted();
  }

  @Override
  public void updateExperiment(
      UpdateExperimentRequest request, StreamObserver<UpdateExperimentResponse> responses) {
    if (refuse(responses)) {
      return;
    }
    if (isUpdateFailing) {
      responses.onError(Status.UNAVAILABLE.withDescription("updates down").asRuntimeException());
      return;
    }
    Experiment updated;
    synchronized (this) {
      Experiment stored = experiments.get(request.getExperiment().getKey());
      if (stored == null) {
        responses.onError(Status.NOT_FOUND.asRuntimeException());
        return;
      }
      if (request.getExpectedVersion() != 0
          && request.getExpectedVersion() != stored.getVersion()) {
        responses.onError(
            Status.ABORTED
                .withDescription(
                    "version " + stored.getVersion() + ", expected " + request.getExpectedVersion())
                .asRuntimeException());
        return;
      }
      Experiment.Builder next = stored.toBuilder().setVersion(stored.getVersion() + 1);
      for (String path : request.getUpdateMask().getPathsList()) {
        switch (path) {
          case "status" -> next.setStatus(request.getExperiment().getStatus());
          case "rolled_out_variation" -> {
            if (request.getExperiment().hasRolledOutVariation()) {
              next.setRolledOutVariation(request.getExperiment().getRolledOutVariation());
            } else {
              next.clearRolledOutVariation();
            }
          }
          default -> {
            responses.onError(
                Status.INVALID_ARGUMENT.withDescription("mask " + path).asRuntimeException());
            return;
          }
        }
      }
      updated = next.build();
      experiments.put(updated.getKey(), updated);
      updateReasons.add(REASON.get());
    }
    responses.onNext(UpdateExperimentResponse.newBuilder().setExperiment(updated).build());
    responses.onCompleted();
  }

  private synchronized boolean refuse(StreamObserver<?> responses) {
    calls++;
    if (isDown) {
      responses.onError(Status.UNAVAILABLE.withDescription("down").asRuntimeException());
      return true;
    }
    return false;
  }
}
