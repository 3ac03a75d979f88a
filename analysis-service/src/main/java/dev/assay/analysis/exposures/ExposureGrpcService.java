package dev.assay.analysis.exposures;

import static dev.assay.runtime.proto.ProtoTime.timestamp;

import dev.assay.analysis.aggregates.ExperimentLoopStore;
import dev.assay.analysis.export.ExportPage;
import dev.assay.analysis.export.ExportPump;
import dev.assay.analysis.export.FollowPoller;
import dev.assay.analysis.metrics.MetricCatalog;
import dev.assay.analysis.outcomes.CovariateRules;
import dev.assay.analysis.v1.ExportExposuresRequest;
import dev.assay.analysis.v1.ExportExposuresResponse;
import dev.assay.analysis.v1.ExposureServiceGrpc;
import dev.assay.analysis.v1.IngestExposuresRequest;
import dev.assay.analysis.v1.IngestExposuresResponse;
import dev.assay.runtime.errors.Violations;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.time.Clock;
import java.util.List;

/** ExposureService over gRPC: validates, translates, and calls the loop store. */
public final class ExposureGrpcService extends ExposureServiceGrpc.ExposureServiceImplBase {
  private final ExperimentLoopStore store;
  private final MetricCatalog catalog;
  private final Clock clock;
  private final FollowPoller poller;

  /**
   * Records into and exports from {@code store}, folding pre-exposure history for the CUPED metrics
   * of {@code catalog}; following exports poll on {@code poller}.
   */
  public ExposureGrpcService(
      ExperimentLoopStore store, MetricCatalog catalog, Clock clock, FollowPoller poller) {
    this.store = store;
    this.catalog = catalog;
    this.clock = clock;
    this.poller = poller;
  }

  @Override
  public void ingestExposures(
      IngestExposuresRequest request, StreamObserver<IngestExposuresResponse> responses) {
    List<Exposure> exposures = ExposureRequests.validate(request, clock.instant());
    ExposureCounts counts = store.recordExposures(exposures, CovariateRules.from(catalog));
    responses.onNext(
        IngestExposuresResponse.newBuilder()
            .setRecorded(counts.recorded())
            .setDuplicates(counts.duplicates())
            .build());
    responses.onCompleted();
  }

  @Override
  public void exportExposures(
      ExportExposuresRequest request, StreamObserver<ExportExposuresResponse> responses) {
    String experimentKey = request.getExperimentKey();
    Violations violations = new Violations();
    violations.check(
        experimentKey.length() > 128, "experiment_key", "must be at most 128 characters");
    violations.check(
        request.getAfterCursor().length() > 64, "after_cursor", "must be at most 64 characters");
    violations.throwIfAny();
    ExportPump.start(
        (cursor, limit) -> store.exportExposures(experimentKey, cursor, limit),
        ExposureGrpcService::toResponse,
        (ServerCallStreamObserver<ExportExposuresResponse>) responses,
        request.getAfterCursor(),
        request.getFollow(),
        poller.executor(),
        poller.interval());
  }

  private static ExportExposuresResponse toResponse(ExportPage.Exported<Exposure> exported) {
    Exposure e = exported.item();
    return ExportExposuresResponse.newBuilder()
        .setExposure(
            dev.assay.analysis.v1.Exposure.newBuilder()
                .setExperimentKey(e.experimentKey())
                .setVariationIndex(e.variationIndex())
                .setVariationKey(e.variationKey())
                .setUnitId(e.unitId())
                .setTime(timestamp(e.time()))
                .setOverridden(e.overridden())
                .addAllVariationWeights(e.variationWeights()))
        .setCursor(exported.cursor())
        .build();
  }
}
