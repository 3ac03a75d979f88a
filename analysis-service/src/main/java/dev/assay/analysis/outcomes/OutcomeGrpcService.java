package dev.assay.analysis.outcomes;

import static dev.assay.runtime.proto.ProtoTime.timestamp;

import dev.assay.analysis.aggregates.ExperimentLoopStore;
import dev.assay.analysis.export.ExportPage;
import dev.assay.analysis.export.ExportPump;
import dev.assay.analysis.export.FollowPoller;
import dev.assay.analysis.metrics.MetricCatalog;
import dev.assay.analysis.v1.ExportOutcomesRequest;
import dev.assay.analysis.v1.ExportOutcomesResponse;
import dev.assay.analysis.v1.OutcomeServiceGrpc;
import dev.assay.analysis.v1.RecordOutcomesRequest;
import dev.assay.analysis.v1.RecordOutcomesResponse;
import dev.assay.analysis.v1.StreamOutcomesRequest;
import dev.assay.analysis.v1.StreamOutcomesResponse;
import dev.assay.runtime.errors.GrpcErrors;
import dev.assay.runtime.errors.Violations;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * OutcomeService over gRPC: validates each batch as a whole against the metric catalog, then
 * records it through the loop store.
 */
public final class OutcomeGrpcService extends OutcomeServiceGrpc.OutcomeServiceImplBase {
  private final ExperimentLoopStore store;
  private final MetricCatalog catalog;
  private final Clock clock;
  private final FollowPoller poller;

  /** Records into {@code store} the events of metrics in {@code catalog}. */
  public OutcomeGrpcService(
      ExperimentLoopStore store, MetricCatalog catalog, Clock clock, FollowPoller poller) {
    this.store = store;
    this.catalog = catalog;
    this.clock = clock;
    this.poller = poller;
  }

  /** Validates and records one all-or-nothing batch. */
  private OutcomeCounts record(List<dev.assay.analysis.v1.OutcomeEvent> batch) {
    List<OutcomeEvent> events = OutcomeRequests.validate(batch, catalog, clock.instant());
    Set<String> metrics = new HashSet<>();
    events.forEach(e -> metrics.add(e.metricKey()));
    return store.recordOutcomes(events, AttributionRules.resolve(catalog, metrics));
  }

  @Override
  public void recordOutcomes(
      RecordOutcomesRequest request, StreamObserver<RecordOutcomesResponse> responses) {
    OutcomeCounts counts = record(request.getEventsList());
    responses.onNext(
        RecordOutcomesResponse.newBuilder()
            .setRecorded(counts.recorded())
            .setDuplicates(counts.duplicates())
            .setAttributions(counts.attributions())
            .build());
    responses.onCompleted();
  }

  @Override
  public StreamObserver<StreamOutcomesRequest> streamOutcomes(
      StreamObserver<StreamOutcomesResponse> responses) {
    return new StreamObserver<>() {
      private OutcomeCounts totals = OutcomeCounts.NONE;
      private boolean failed;

      @Override
      public void onNext(StreamOutcomesRequest batch) {
        if (failed) {
          return;
        }
        try {
          totals = totals.plus(record(batch.getEventsList()));
        } catch (RuntimeException e) {
          // Batches before this one stay recorded; this one changed nothing.
          failed = true;
          responses.onError(GrpcErrors.toStatusException(e));
        }
      }

      @Override
      public void onError(Throwable t) {
        failed = true;
      }

      @Override
      public void onCompleted() {
        if (failed) {
          return;
        }
        responses.onNext(
            StreamOutcomesResponse.newBuilder()
                .setRecorded(totals.recorded())
                .setDuplicates(totals.duplicates())
                .setAttributions(totals.attributions())
                .build());
        responses.onCompleted();
      }
    };
  }

  @Override
  public void exportOutcomes(
      ExportOutcomesRequest request, StreamObserver<ExportOutcomesResponse> responses) {
    String metricKey = request.getMetricKey();
    Violations violations = new Violations();
    violations.check(metricKey.length() > 128, "metric_key", "must be at most 128 characters");
    violations.check(
        request.getAfterCursor().length() > 64, "after_cursor", "must be at most 64 characters");
    violations.throwIfAny();
    ExportPump.start(
        (cursor, limit) -> store.exportOutcomes(metricKey, cursor, limit),
        OutcomeGrpcService::toResponse,
        (ServerCallStreamObserver<ExportOutcomesResponse>) responses,
        request.getAfterCursor(),
        request.getFollow(),
        poller.executor(),
        poller.interval());
  }

  private static ExportOutcomesResponse toResponse(ExportPage.Exported<OutcomeEvent> exported) {
    OutcomeEvent e = exported.item();
    return ExportOutcomesResponse.newBuilder()
        .setEvent(
            dev.assay.analysis.v1.OutcomeEvent.newBuilder()
                .setEventId(e.eventId())
                .setUnitId(e.unitId())
                .setMetricKey(e.metricKey())
                .setValue(e.value())
                .setTime(timestamp(e.time())))
        .setCursor(exported.cursor())
        .build();
  }
}
