package dev.assay.assignment.api;

import dev.assay.assignment.catalog.ChangePreview;
import dev.assay.assignment.catalog.ExperimentCatalog;
import dev.assay.assignment.catalog.FlagCatalog;
import dev.assay.assignment.definitions.Experiment;
import dev.assay.assignment.definitions.FeatureFlag;
import dev.assay.assignment.v1.ArchiveExperimentRequest;
import dev.assay.assignment.v1.ArchiveExperimentResponse;
import dev.assay.assignment.v1.ArchiveFeatureFlagRequest;
import dev.assay.assignment.v1.ArchiveFeatureFlagResponse;
import dev.assay.assignment.v1.CreateExperimentRequest;
import dev.assay.assignment.v1.CreateExperimentResponse;
import dev.assay.assignment.v1.CreateFeatureFlagRequest;
import dev.assay.assignment.v1.CreateFeatureFlagResponse;
import dev.assay.assignment.v1.DefinitionServiceGrpc;
import dev.assay.assignment.v1.GetExperimentRequest;
import dev.assay.assignment.v1.GetExperimentResponse;
import dev.assay.assignment.v1.GetFeatureFlagRequest;
import dev.assay.assignment.v1.GetFeatureFlagResponse;
import dev.assay.assignment.v1.ListExperimentsRequest;
import dev.assay.assignment.v1.ListExperimentsResponse;
import dev.assay.assignment.v1.ListFeatureFlagsRequest;
import dev.assay.assignment.v1.ListFeatureFlagsResponse;
import dev.assay.assignment.v1.PreviewExperimentChangeRequest;
import dev.assay.assignment.v1.PreviewExperimentChangeResponse;
import dev.assay.assignment.v1.UpdateExperimentRequest;
import dev.assay.assignment.v1.UpdateExperimentResponse;
import dev.assay.assignment.v1.UpdateFeatureFlagRequest;
import dev.assay.assignment.v1.UpdateFeatureFlagResponse;
import dev.assay.runtime.audit.AuditTrail;
import dev.assay.runtime.security.RequestContext;
import io.grpc.stub.StreamObserver;
import java.util.List;

/**
 * gRPC adapter for the admin RPCs on experiments and flags: checks the caller's projects,
 * translates, calls the catalogs, records writes in the audit trail.
 */
final class DefinitionGrpcService extends DefinitionServiceGrpc.DefinitionServiceImplBase {
  private static final List<String> EXPERIMENT_FIELDS =
      List.of(
          "name",
          "variations",
          "coverage",
          "hash_attribute",
          "seed",
          "hash_version",
          "condition",
          "namespace",
          "status",
          "rolled_out_variation",
          "bucket_ranges",
          "rollout",
          "analysis",
          "analysis.primary_metric",
          "analysis.guardrail_metrics",
          "analysis.secondary_metrics",
          "analysis.planned_units",
          "analysis.alpha",
          "analysis.monitor");
  private static final List<String> FLAG_FIELDS =
      List.of("description", "value_type", "default_value", "rules", "killed");

  private final ExperimentCatalog experimentCatalog;
  private final StandardMethods<Experiment, dev.assay.assignment.v1.Experiment> experiments;
  private final StandardMethods<FeatureFlag, dev.assay.assignment.v1.FeatureFlag> flags;

  /** Serves the given catalogs, recording every write in {@code audit}. */
  DefinitionGrpcService(ExperimentCatalog experiments, FlagCatalog flags, AuditTrail audit) {
    this.experimentCatalog = experiments;
    this.experiments =
        new StandardMethods<>(
            "experiment",
            experiments,
            ExperimentMapper::toDomain,
            ExperimentMapper::toProto,
            EXPERIMENT_FIELDS,
            ProjectAccess::checkExperiment,
            audit);
    this.flags =
        new StandardMethods<>(
            "flag",
            flags,
            FlagMapper::toDomain,
            FlagMapper::toProto,
            FLAG_FIELDS,
            ProjectAccess::checkFlag,
            audit);
  }

  @Override
  public void createExperiment(
      CreateExperimentRequest request, StreamObserver<CreateExperimentResponse> out) {
    var created = experiments.create(request.getExperiment().getKey(), request.getExperiment());
    reply(out, CreateExperimentResponse.newBuilder().setExperiment(created).build());
  }

  @Override
  public void getExperiment(
      GetExperimentRequest request, StreamObserver<GetExperimentResponse> out) {
    var experiment = experiments.get(request.getKey());
    reply(out, GetExperimentResponse.newBuilder().setExperiment(experiment).build());
  }

  @Override
  public void listExperiments(
      ListExperimentsRequest request, StreamObserver<ListExperimentsResponse> out) {
    var page =
        experiments.list(request.getPageSize(), request.getPageToken(), request.getShowArchived());
    reply(
        out,
        ListExperimentsResponse.newBuilder()
            .addAllExperiments(page.items())
            .setNextPageToken(page.nextPageToken())
            .build());
  }

  @Override
  public void updateExperiment(
      UpdateExperimentRequest request, StreamObserver<UpdateExperimentResponse> out) {
    var updated =
        experiments.update(
            request.getExperiment().getKey(),
            request.getUpdateMask(),
            request.getExperiment(),
            request.getExpectedVersion());
    reply(out, UpdateExperimentResponse.newBuilder().setExperiment(updated).build());
  }

  @Override
  public void archiveExperiment(
      ArchiveExperimentRequest request, StreamObserver<ArchiveExperimentResponse> out) {
    var archived = experiments.archive(request.getKey());
    reply(out, ArchiveExperimentResponse.newBuilder().setExperiment(archived).build());
  }

  @Override
  public void previewExperimentChange(
      PreviewExperimentChangeRequest request, StreamObserver<PreviewExperimentChangeResponse> out) {
    RequestContext.currentCaller()
        .requireAccess(request.getExperiment().getKey(), "experiment.key");
    ChangePreview preview =
        experimentCatalog.preview(
            request.getExperiment().getKey(),
            experiments.edit(request.getUpdateMask(), request.getExperiment()),
            request.getSampleUnitIdsList());
    PreviewExperimentChangeResponse.Builder response =
        PreviewExperimentChangeResponse.newBuilder()
            .setMovedFraction(preview.movement().moved())
            .setSwitchedFraction(preview.movement().switched())
            .setEnteredFraction(preview.movement().entered())
            .setLeftFraction(preview.movement().left())
            .setProposed(ExperimentMapper.toProto(preview.proposed()));
    for (ChangePreview.UnitMove move : preview.movedUnits()) {
      response
          .addMovedUnitsBuilder()
          .setUnitId(move.unitId())
          .setFromVariationIndex(move.fromVariation())
          .setToVariationIndex(move.toVariation());
    }
    reply(out, response.build());
  }

  @Override
  public void createFeatureFlag(
      CreateFeatureFlagRequest request, StreamObserver<CreateFeatureFlagResponse> out) {
    reply(
        out,
        CreateFeatureFlagResponse.newBuilder()
            .setFlag(flags.create(request.getFlag().getKey(), request.getFlag()))
            .build());
  }

  @Override
  public void getFeatureFlag(
      GetFeatureFlagRequest request, StreamObserver<GetFeatureFlagResponse> out) {
    var flag = flags.get(request.getKey());
    reply(out, GetFeatureFlagResponse.newBuilder().setFlag(flag).build());
  }

  @Override
  public void listFeatureFlags(
      ListFeatureFlagsRequest request, StreamObserver<ListFeatureFlagsResponse> out) {
    var page = flags.list(request.getPageSize(), request.getPageToken(), request.getShowArchived());
    reply(
        out,
        ListFeatureFlagsResponse.newBuilder()
            .addAllFlags(page.items())
            .setNextPageToken(page.nextPageToken())
            .build());
  }

  @Override
  public void updateFeatureFlag(
      UpdateFeatureFlagRequest request, StreamObserver<UpdateFeatureFlagResponse> out) {
    var updated =
        flags.update(
            request.getFlag().getKey(),
            request.getUpdateMask(),
            request.getFlag(),
            request.getExpectedVersion());
    reply(out, UpdateFeatureFlagResponse.newBuilder().setFlag(updated).build());
  }

  @Override
  public void archiveFeatureFlag(
      ArchiveFeatureFlagRequest request, StreamObserver<ArchiveFeatureFlagResponse> out) {
    var archived = flags.archive(request.getKey());
    reply(out, ArchiveFeatureFlagResponse.newBuilder().setFlag(archived).build());
  }

  private static <T> void reply(StreamObserver<T> out, T response) {
    out.onNext(response);
    out.onCompleted();
  }
}
