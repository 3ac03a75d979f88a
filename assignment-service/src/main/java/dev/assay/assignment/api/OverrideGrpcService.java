package dev.assay.assignment.api;

import dev.assay.assignment.catalog.Page;
import dev.assay.assignment.definitions.Limits;
import dev.assay.assignment.overrides.OverrideRegistry;
import dev.assay.assignment.overrides.OverrideTarget;
import dev.assay.assignment.overrides.UnitOverride;
import dev.assay.assignment.v1.BatchSetOverridesRequest;
import dev.assay.assignment.v1.BatchSetOverridesResponse;
import dev.assay.assignment.v1.DeleteOverrideRequest;
import dev.assay.assignment.v1.DeleteOverrideResponse;
import dev.assay.assignment.v1.ListOverridesRequest;
import dev.assay.assignment.v1.ListOverridesResponse;
import dev.assay.assignment.v1.OverrideServiceGrpc;
import dev.assay.assignment.v1.SetOverrideRequest;
import dev.assay.assignment.v1.SetOverrideResponse;
import dev.assay.runtime.errors.Violations;
import io.grpc.stub.StreamObserver;

/** gRPC adapter for per-unit overrides. */
public final class OverrideGrpcService extends OverrideServiceGrpc.OverrideServiceImplBase {
  private final OverrideRegistry overrides;

  /** Serves {@code overrides}. */
  public OverrideGrpcService(OverrideRegistry overrides) {
    this.overrides = overrides;
  }

  @Override
  public void setOverride(SetOverrideRequest request, StreamObserver<SetOverrideResponse> out) {
    UnitOverride stored = overrides.set(OverrideMapper.toDomain(request.getOverride(), "override"));
    out.onNext(
        SetOverrideResponse.newBuilder().setOverride(OverrideMapper.toProto(stored)).build());
    out.onCompleted();
  }

  @Override
  public void batchSetOverrides(
      BatchSetOverridesRequest request, StreamObserver<BatchSetOverridesResponse> out) {
    int written =
        overrides.setMany(
            OverrideMapper.toDomain(request.getTemplate(), "template"), request.getUnitIdsList());
    out.onNext(BatchSetOverridesResponse.newBuilder().setWrittenCount(written).build());
    out.onCompleted();
  }

  @Override
  public void deleteOverride(
      DeleteOverrideRequest request, StreamObserver<DeleteOverrideResponse> out) {
    OverrideTarget target = OverrideMapper.target(request.getTarget(), "target");
    new Violations()
        .check(!Limits.isValidUnitId(request.getUnitId()), "unit_id", "must be 1-256 characters")
        .throwIfAny();
    overrides.delete(target, request.getUnitId());
    out.onNext(DeleteOverrideResponse.getDefaultInstance());
    out.onCompleted();
  }

  @Override
  public void listOverrides(
      ListOverridesRequest request, StreamObserver<ListOverridesResponse> out) {
    OverrideTarget target = OverrideMapper.target(request.getTarget(), "target");
    DefinitionGrpcService.checkPaging(request.getPageSize(), request.getPageToken());
    Page<UnitOverride> page =
        Page.of(
            overrides.list(target),
            UnitOverride::unitId,
            request.getPageSize(),
            request.getPageToken());
    ListOverridesResponse.Builder response =
        ListOverridesResponse.newBuilder().setNextPageToken(page.nextPageToken());
    page.items().forEach(o -> response.addOverrides(OverrideMapper.toProto(o)));
    out.onNext(response.build());
    out.onCompleted();
  }
}
