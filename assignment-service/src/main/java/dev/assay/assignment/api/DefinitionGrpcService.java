package dev.assay.assignment.api;

import com.google.protobuf.FieldMask;
import dev.assay.assignment.catalog.ChangePreview;
import dev.assay.assignment.catalog.ExperimentCatalog;
import dev.assay.assignment.catalog.FlagCatalog;
import dev.assay.assignment.catalog.Page;
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
import dev.assay.assignment.v1.UnitMove;
import dev.assay.assignment.v1.UpdateExperimentRequest;
import dev.assay.assignment.v1.UpdateExperimentResponse;
import dev.assay.assignment.v1.UpdateFeatureFlagRequest;
import dev.assay.assignment.v1.UpdateFeatureFlagResponse;
import io.grpc.stub.StreamObserver;
import java.util.List;
import java.util.function.UnaryOperator;

/** gRPC adapter for the admin RPCs on experiments and flags: translates, calls the catalogs. */
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
          "rollout");
  private static final List<String> FLAG_FIELDS =
      List.of("description", "value_type", "default_value", "rules", "killed");

  private final ExperimentCatalog experiments;
  private final FlagCatalog flags;

  /** Serves the given catalogs. */
  DefinitionGrpcService(ExperimentCatalog experiments, FlagCatalog flags) {
    this.experiments = experiments;
    this.flags = flags;
  }

  @Override
  public void createExperiment(
      CreateExperimentRequest request, StreamObserver<CreateExperimentResponse> out) {
    Experiment created = experiments.create(ExperimentMapper.toDomain(request.getExperiment()));
    reply(
        out,
        CreateExperimentResponse.newBuilder()
            .setExperiment(ExperimentMapper.toProto(created))
            .build());
  }

  @Override
  public void getExperiment(
      GetExperimentRequest request, StreamObserver<GetExperimentResponse> out) {
    reply(
        out,
        GetExperimentResponse.newBuilder()
            .setExperiment(ExperimentMapper.toProto(experiments.get(request.getKey())))
            .build());
  }

  @Override
  public void listExperiments(
      ListExperimentsRequest request, StreamObserver<ListExperimentsResponse> out) {
    Page<Experiment> page =
        experiments.list(request.getPageSize(), request.getPageToken(), request.getShowArchived());
    ListExperimentsResponse.Builder response =
        ListExperimentsResponse.newBuilder().setNextPageToken(page.nextPageToken());
    page.items().forEach(e -> response.addExperiments(ExperimentMapper.toProto(e)));
    reply(out, response.build());
  }

  @Override
  public void updateExperiment(
      UpdateExperimentRequest request, StreamObserver<UpdateExperimentResponse> out) {
    Experiment updated =
        experiments.update(
            request.getExperiment().getKey(),
            experimentEdit(request.getUpdateMask(), request.getExperiment()),
            request.getExpectedVersion());
    reply(
        out,
        UpdateExperimentResponse.newBuilder()
            .setExperiment(ExperimentMapper.toProto(updated))
            .build());
  }

  @Override
  public void archiveExperiment(
      ArchiveExperimentRequest request, StreamObserver<ArchiveExperimentResponse> out) {
    reply(
        out,
        ArchiveExperimentResponse.newBuilder()
            .setExperiment(ExperimentMapper.toProto(experiments.archive(request.getKey())))
            .build());
  }

  @Override
  public void previewExperimentChange(
      PreviewExperimentChangeRequest request, StreamObserver<PreviewExperimentChangeResponse> out) {
    ChangePreview preview =
        experiments.preview(
            request.getExperiment().getKey(),
            experimentEdit(request.getUpdateMask(), request.getExperiment()),
            request.getSampleUnitIdsList());
    PreviewExperimentChangeResponse.Builder response =
        PreviewExperimentChangeResponse.newBuilder()
            .setMovedFraction(preview.movement().moved())
            .setSwitchedFraction(preview.movement().switched())
            .setEnteredFraction(preview.movement().entered())
            .setLeftFraction(preview.movement().left())
            .setProposed(ExperimentMapper.toProto(preview.proposed()));
    preview
        .movedUnits()
        .forEach(
            m ->
                response.addMovedUnits(
                    UnitMove.newBuilder()
                        .setUnitId(m.unitId())
                        .setFromVariationIndex(m.fromVariation())
                        .setToVariationIndex(m.toVariation())));
    reply(out, response.build());
  }

  @Override
  public void createFeatureFlag(
      CreateFeatureFlagRequest request, StreamObserver<CreateFeatureFlagResponse> out) {
    FeatureFlag created = flags.create(FlagMapper.toDomain(request.getFlag()));
    reply(out, CreateFeatureFlagResponse.newBuilder().setFlag(FlagMapper.toProto(created)).build());
  }

  @Override
  public void getFeatureFlag(
      GetFeatureFlagRequest request, StreamObserver<GetFeatureFlagResponse> out) {
    reply(
        out,
        GetFeatureFlagResponse.newBuilder()
            .setFlag(FlagMapper.toProto(flags.get(request.getKey())))
            .build());
  }

  @Override
  public void listFeatureFlags(
      ListFeatureFlagsRequest request, StreamObserver<ListFeatureFlagsResponse> out) {
    Page<FeatureFlag> page =
        flags.list(request.getPageSize(), request.getPageToken(), request.getShowArchived());
    ListFeatureFlagsResponse.Builder response =
        ListFeatureFlagsResponse.newBuilder().setNextPageToken(page.nextPageToken());
    page.items().forEach(f -> response.addFlags(FlagMapper.toProto(f)));
    reply(out, response.build());
  }

  @Override
  public void updateFeatureFlag(
      UpdateFeatureFlagRequest request, StreamObserver<UpdateFeatureFlagResponse> out) {
    UnaryOperator<FeatureFlag> edit =
        UpdateMasks.edit(
            request.getUpdateMask(),
            FLAG_FIELDS,
            request.getFlag(),
            FlagMapper::toProto,
            FlagMapper::toDomain);
    FeatureFlag updated =
        flags.update(request.getFlag().getKey(), edit, request.getExpectedVersion());
    reply(out, UpdateFeatureFlagResponse.newBuilder().setFlag(FlagMapper.toProto(updated)).build());
  }

  @Override
  public void archiveFeatureFlag(
      ArchiveFeatureFlagRequest request, StreamObserver<ArchiveFeatureFlagResponse> out) {
    reply(
        out,
        ArchiveFeatureFlagResponse.newBuilder()
            .setFlag(FlagMapper.toProto(flags.archive(request.getKey())))
            .build());
  }

  private static UnaryOperator<Experiment> experimentEdit(
      FieldMask mask, dev.assay.assignment.v1.Experiment requested) {
    return UpdateMasks.edit(
        mask, EXPERIMENT_FIELDS, requested, ExperimentMapper::toProto, ExperimentMapper::toDomain);
  }

  private static <T> void reply(StreamObserver<T> out, T response) {
    out.onNext(response);
    out.onCompleted();
  }
}
