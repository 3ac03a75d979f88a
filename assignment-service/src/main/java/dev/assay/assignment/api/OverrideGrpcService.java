package dev.assay.assignment.api;

import dev.assay.assignment.catalog.Page;
import dev.assay.assignment.overrides.OverrideRegistry;
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
import io.grpc.stub.StreamObserver;

/** gRPC adapter for per-unit overrides: translates, calls the registry. */
final class OverrideGrpcService extends OverrideServiceGrpc.OverrideServiceImplBase {
  private final OverrideRegistry overrides;

  /** Serves {@code overrides}. */
  OverrideGrpcService(OverrideRegistry overrides) {
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
    overrides.delete(OverrideMapper.target(request.getTarget(), "target"), request.getUnitId());
    out.onNext(DeleteOverrideResponse.getDefaultInstance());
    out.onCompleted();
  }

  @Override
  public void listOverrides(
      ListOverridesRequest request, StreamObserver<ListOverridesResponse> out) {
    Page<UnitOverride> page =
        overrides.list(
            OverrideMapper.target(request.getTarget(), "target"),
            request.getPageSize(),
            request.getPageToken());
    ListOverridesResponse.Builder response =
        ListOverridesResponse.newBuilder().setNextPageToken(page.nextPageToken());
    page.items().forEach(o -> response.addOverrides(OverrideMapper.toProto(o)));
    out.onNext(response.build());
    out.onCompleted();
  }
}
