package dev.assay.assignment.api;

import com.google.protobuf.FieldMask;
import dev.assay.assignment.catalog.ChangePreview;
import dev.assay.assignment.catalog.ExperimentCatalog;
import dev.assay.assignment.catalog.FlagCatalog;
import dev.assay.assignment.catalog.Page;
import dev.assay.assignment.definitions.Experiment;
import dev.assay.assignment.definitions.FeatureFlag;
import dev.assay.assignment.definitions.Limits;
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
import dev.assay.runtime.errors.Violations;
import io.grpc.stub.StreamObserver;
import java.util.List;
import java.util.function.UnaryOperator;

/** gRPC adapter for the admin RPCs on experiments and flags. */
public final class DefinitionGrpcService extends DefinitionServiceGrpc.DefinitionServiceImplBase {
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
  public DefinitionGrpcService(ExperimentCatalog experiments, FlagCatalog flags) {
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
    requireKey(request.getKey(), "key");
    reply(
        out,
        GetExperimentResponse.newBuilder()
            .setExperiment(ExperimentMapper.toProto(experiments.get(request.getKey())))
            .build());
  }

  @Override
  public void listExperiments(
      ListExperimentsRequest request, StreamObserver<ListExperimentsResponse> out) {
    checkPaging(request.getPageSize(), request.getPageToken());
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
    String key = requireKey(request.getExperiment().getKey(), "experiment.key");
    Experiment updated =
        experiments.update(
            key,
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
    requireKey(request.getKey(), "key");
    reply(
        out,
        ArchiveExperimentResponse.newBuilder()
            .setExperiment(ExperimentMapper.toProto(experiments.archive(request.getKey())))
            .build());
  }

  @Override
  public void previewExperimentChange(
      PreviewExperimentChangeRequest request, StreamObserver<PreviewExperimentChangeResponse> out) {
    String key = requireKey(request.getExperiment().getKey(), "experiment.key");
    Violations v =
        new Violations()
            .check(
                request.getSampleUnitIdsCount() > Limits.MAX_PREVIEW_UNITS,
                "sample_unit_ids",
                "at most 10,000 unit ids, got " + request.getSampleUnitIdsCount());
    for (int i = 0; i < request.getSampleUnitIdsCount(); i++) {
      v.check(
          !Limits.isValidUnitId(request.getSampleUnitIds(i)),
          "sample_unit_ids[" + i + "]",
          "must be 1-256 characters");
    }
    v.throwIfAny();
    ChangePreview preview =
        experiments.preview(
            key,
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
    requireKey(request.getKey(), "key");
    reply(
        out,
        GetFeatureFlagResponse.newBuilder()
            .setFlag(FlagMapper.toProto(flags.get(request.getKey())))
            .build());
  }

  @Override
  public void listFeatureFlags(
      ListFeatureFlagsRequest request, StreamObserver<ListFeatureFlagsResponse> out) {
    checkPaging(request.getPageSize(), request.getPageToken());
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
    String key = requireKey(request.getFlag().getKey(), "flag.key");
    FieldMask mask = UpdateMasks.checked(request.getUpdateMask(), FLAG_FIELDS);
    UnaryOperator<FeatureFlag> edit =
        current ->
            FlagMapper.toDomain(
                UpdateMasks.apply(mask, request.getFlag(), FlagMapper.toProto(current)));
    FeatureFlag updated = flags.update(key, edit, request.getExpectedVersion());
    reply(out, UpdateFeatureFlagResponse.newBuilder().setFlag(FlagMapper.toProto(updated)).build());
  }

  @Override
  public void archiveFeatureFlag(
      ArchiveFeatureFlagRequest request, StreamObserver<ArchiveFeatureFlagResponse> out) {
    requireKey(request.getKey(), "key");
    reply(
        out,
        ArchiveFeatureFlagResponse.newBuilder()
            .setFlag(FlagMapper.toProto(flags.archive(request.getKey())))
            .build());
  }

  private static UnaryOperator<Experiment> experimentEdit(
      FieldMask requestedMask, dev.assay.assignment.v1.Experiment requested) {
    FieldMask mask = UpdateMasks.checked(requestedMask, EXPERIMENT_FIELDS);
    return current ->
        ExperimentMapper.toDomain(
            UpdateMasks.apply(mask, requested, ExperimentMapper.toProto(current)));
  }

  private static String requireKey(String key, String field) {
    new Violations()
        .check(!Limits.isValidKey(key), field, "must be 1-128 characters of [A-Za-z0-9_.-]")
        .throwIfAny();
    return key;
  }

  static void checkPaging(int pageSize, String pageToken) {
    new Violations()
        .check(
            pageSize < 0 || pageSize > Page.MAX_SIZE,
            "page_size",
            "must be in [0, 1000], got " + pageSize)
        .check(!Page.isValidToken(pageToken), "page_token", "is not a token from a previous page")
        .throwIfAny();
  }

  private static <T> void reply(StreamObserver<T> out, T response) {
    out.onNext(response);
    out.onCompleted();
  }
}
