package dev.assay.assignment.api;

import dev.assay.assignment.catalog.Revision;
import dev.assay.assignment.overrides.BatchRevision;
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
import dev.assay.runtime.audit.AuditTrail;
import dev.assay.runtime.resources.Page;
import dev.assay.runtime.security.RequestContext;
import io.grpc.stub.StreamObserver;

/**
 * gRPC adapter for per-unit overrides: translates, checks that the target's key is within the
 * caller's projects, calls the registry, records writes in the audit trail (see {@link
 * OverrideAudit}).
 */
final class OverrideGrpcService extends OverrideServiceGrpc.OverrideServiceImplBase {
  private final OverrideRegistry overrides;
  private final AuditTrail audit;

  /** Serves {@code overrides}, recording every write in {@code audit}. */
  OverrideGrpcService(OverrideRegistry overrides, AuditTrail audit) {
    this.overrides = overrides;
    this.audit = audit;
  }

  @Override
  public void setOverride(SetOverrideRequest request, StreamObserver<SetOverrideResponse> out) {
    UnitOverride draft = OverrideMapper.toDomain(request.getOverride(), "override");
    requireAccess(draft.target(), "override.target");
    Revision<UnitOverride> revision = overrides.set(draft);
    UnitOverride before = revision.before();
    var stored = OverrideMapper.toProto(revision.after());
    audit.record(
        OverrideAudit.TYPE,
        OverrideAudit.resourceId(draft.target(), draft.unitId()),
        before == null ? null : OverrideMapper.toProto(before),
        stored);
    out.onNext(SetOverrideResponse.newBuilder().setOverride(stored).build());
    out.onCompleted();
  }

  @Override
  public void batchSetOverrides(
      BatchSetOverridesRequest request, StreamObserver<BatchSetOverridesResponse> out) {
    UnitOverride template = OverrideMapper.toDomain(request.getTemplate(), "template");
    requireAccess(template.target(), "template.target");
    BatchRevision batch = overrides.setMany(template, request.getUnitIdsList());
    audit.record(
        OverrideAudit.TYPE,
        OverrideAudit.batchResourceId(template.target()),
        OverrideAudit.before(batch),
        OverrideAudit.after(batch));
    out.onNext(
        BatchSetOverridesResponse.newBuilder().setWrittenCount(batch.unitIds().size()).build());
    out.onCompleted();
  }

  @Override
  public void deleteOverride(
      DeleteOverrideRequest request, StreamObserver<DeleteOverrideResponse> out) {
    OverrideTarget target = OverrideMapper.target(request.getTarget(), "target");
    requireAccess(target, "target");
    UnitOverride deleted = overrides.delete(target, request.getUnitId());
    audit.record(
        OverrideAudit.TYPE,
        OverrideAudit.resourceId(target, request.getUnitId()),
        deleted == null ? null : OverrideMapper.toProto(deleted),
        null);
    out.onNext(DeleteOverrideResponse.getDefaultInstance());
    out.onCompleted();
  }

  @Override
  public void listOverrides(
      ListOverridesRequest request, StreamObserver<ListOverridesResponse> out) {
    OverrideTarget target = OverrideMapper.target(request.getTarget(), "target");
    requireAccess(target, "target");
    Page<UnitOverride> page = overrides.list(target, request.getPageSize(), request.getPageToken());
    ListOverridesResponse.Builder response =
        ListOverridesResponse.newBuilder().setNextPageToken(page.nextPageToken());
    page.items().forEach(o -> response.addOverrides(OverrideMapper.toProto(o)));
    out.onNext(response.build());
    out.onCompleted();
  }

  /** The target's key decides, checked before the target is looked up. */
  private static void requireAccess(OverrideTarget target, String field) {
    RequestContext.currentCaller()
        .requireAccess(
            target.key(),
            field
                + (target.kind() == OverrideTarget.Kind.EXPERIMENT
                    ? ".experiment_key"
                    : ".flag_key"));
  }
}
