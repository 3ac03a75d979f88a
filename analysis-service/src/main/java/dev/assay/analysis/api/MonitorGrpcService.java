package dev.assay.analysis.api;

import dev.assay.analysis.monitor.ActionPage;
import dev.assay.analysis.monitor.MonitorAction;
import dev.assay.analysis.monitor.MonitorActionStore;
import dev.assay.analysis.v1.ListMonitorActionsRequest;
import dev.assay.analysis.v1.ListMonitorActionsResponse;
import dev.assay.analysis.v1.MonitorServiceGrpc;
import dev.assay.runtime.errors.Violations;
import dev.assay.runtime.security.Caller;
import dev.assay.runtime.security.RequestContext;
import io.grpc.stub.StreamObserver;
import java.util.Optional;
import java.util.regex.Pattern;

/** {@code MonitorService} over gRPC: the monitor's record, newest first. */
public final class MonitorGrpcService extends MonitorServiceGrpc.MonitorServiceImplBase {
  /** Page size when none is asked for. */
  static final int DEFAULT_PAGE_SIZE = 100;

  /** Largest page. */
  static final int MAX_PAGE_SIZE = 1_000;

  private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_.-]{1,128}");
  private static final Pattern TOKEN = Pattern.compile("[1-9][0-9]{0,17}");

  private final MonitorActionStore store;

  /** Reads {@code store}. */
  public MonitorGrpcService(MonitorActionStore store) {
    this.store = store;
  }

  @Override
  public void listMonitorActions(
      ListMonitorActionsRequest request, StreamObserver<ListMonitorActionsResponse> responses) {
    Violations violations = new Violations();
    String key = request.getExperimentKey();
    violations.check(
        !key.isEmpty() && !KEY.matcher(key).matches(),
        "experiment_key",
        "must be empty or 1-128 characters of [A-Za-z0-9_.-]");
    violations.check(
        request.getPageSize() < 0 || request.getPageSize() > MAX_PAGE_SIZE,
        "page_size",
        "must be between 0 and " + MAX_PAGE_SIZE);
    String token = request.getPageToken();
    violations.check(
        !token.isEmpty() && !TOKEN.matcher(token).matches(),
        "page_token",
        "must be a next_page_token of an earlier response");
    violations.throwIfAny();
    Caller caller = RequestContext.currentCaller();
    if (!key.isEmpty()) {
      caller.requireAccess(key, "experiment_key");
    }
    int pageSize = request.getPageSize() == 0 ? DEFAULT_PAGE_SIZE : request.getPageSize();
    ActionPage page =
        store.list(
            key.isEmpty() ? Optional.empty() : Optional.of(key),
            pageSize,
            token.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(token)));
    ListMonitorActionsResponse.Builder response = ListMonitorActionsResponse.newBuilder();
    for (MonitorAction action : page.actions()) {
      // A token limited to some projects sees only their experiments' actions.
      if (caller.mayAccess(action.experimentKey())) {
        response.addActions(MonitorProtos.toProto(action));
      }
    }
    page.nextPageToken().ifPresent(response::setNextPageToken);
    responses.onNext(response.build());
    responses.onCompleted();
  }
}
