package dev.assay.bandit.api;

import dev.assay.bandit.definition.BanditCatalog;
import dev.assay.bandit.definition.BanditChange;
import dev.assay.bandit.definition.BanditDefinition;
import dev.assay.bandit.definition.BanditPage;
import dev.assay.bandit.v1.ArchiveBanditRequest;
import dev.assay.bandit.v1.ArchiveBanditResponse;
import dev.assay.bandit.v1.Bandit;
import dev.assay.bandit.v1.BanditAdminServiceGrpc;
import dev.assay.bandit.v1.CreateBanditRequest;
import dev.assay.bandit.v1.CreateBanditResponse;
import dev.assay.bandit.v1.GetBanditRequest;
import dev.assay.bandit.v1.GetBanditResponse;
import dev.assay.bandit.v1.ListBanditsRequest;
import dev.assay.bandit.v1.ListBanditsResponse;
import dev.assay.bandit.v1.ResetBanditRequest;
import dev.assay.bandit.v1.ResetBanditResponse;
import dev.assay.bandit.v1.UpdateBanditRequest;
import dev.assay.bandit.v1.UpdateBanditResponse;
import dev.assay.runtime.audit.AuditTrail;
import dev.assay.runtime.errors.ValidationException;
import dev.assay.runtime.security.Caller;
import dev.assay.runtime.security.RequestContext;
import io.grpc.stub.StreamObserver;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/**
 * gRPC adapter of {@link BanditCatalog}: checks the caller's projects, translates and delegates
 * (the catalog validates), and records every write that changed a bandit in the audit trail, with
 * the {@link dev.assay.bandit.v1.Bandit} before and after as GetBandit returns it.
 */
public final class BanditAdminGrpcService
    extends BanditAdminServiceGrpc.BanditAdminServiceImplBase {
  /** The audit trail's resource type for bandits; the resource id is the bandit key. */
  static final String AUDIT_TYPE = "bandit";

  private final BanditCatalog catalog;
  private final BanditMapping mapping;
  private final AuditTrail audit;

  /**
   * An adapter over {@code catalog} recording writes to {@code audit}; bandits created without a
   * decision TTL get {@code defaultDecisionTtl}.
   */
  public BanditAdminGrpcService(
      BanditCatalog catalog, Duration defaultDecisionTtl, AuditTrail audit) {
    this.catalog = catalog;
    this.mapping = new BanditMapping(defaultDecisionTtl);
    this.audit = audit;
  }

  @Override
  public void createBandit(
      CreateBanditRequest request, StreamObserver<CreateBanditResponse> response) {
    ProjectAccess.requireBandit(request.getBandit().getKey(), "bandit.key");
    BanditDefinition created = catalog.create(mapping.toDomain(request.getBandit()));
    Bandit after = BanditMapping.toProto(created);
    audit.record(AUDIT_TYPE, created.key(), null, after);
    response.onNext(CreateBanditResponse.newBuilder().setBandit(after).build());
    response.onCompleted();
  }

  @Override
  public void getBandit(GetBanditRequest request, StreamObserver<GetBanditResponse> response) {
    ProjectAccess.requireBandit(request.getKey(), "key");
    BanditDefinition found = catalog.get(request.getKey());
    response.onNext(GetBanditResponse.newBuilder().setBandit(BanditMapping.toProto(found)).build());
    response.onCompleted();
  }

  @Override
  public void listBandits(
      ListBanditsRequest request, StreamObserver<ListBanditsResponse> response) {
    Caller caller = RequestContext.currentCaller();
    BanditPage page =
        catalog.list(afterKey(request.getPageToken()), request.getPageSize(), caller::mayAccess);
    ListBanditsResponse.Builder out = ListBanditsResponse.newBuilder();
    page.bandits().forEach(d -> out.addBandits(BanditMapping.toProto(d)));
    if (page.hasMore()) {
      out.setNextPageToken(pageToken(page.resumeAfter()));
    }
    response.onNext(out.build());
    response.onCompleted();
  }

  /**
   * A page token is the URL-safe base64 of the key the next page starts after: the last key of the
   * previous page, or the last key examined when a caller's projects left the page short.
   */
  private static String pageToken(String lastKey) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(lastKey.getBytes(StandardCharsets.UTF_8));
  }

  private static String afterKey(String pageToken) {
    try {
      return new String(Base64.getUrlDecoder().decode(pageToken), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw ValidationException.of("page_token", "is not a token returned by ListBandits");
    }
  }

  @Override
  public void updateBandit(
      UpdateBanditRequest request, StreamObserver<UpdateBanditResponse> response) {
    ProjectAccess.requireBandit(request.getBandit().getKey(), "bandit.key");
    BanditChange change =
        catalog.update(
            request.getBandit().getKey(),
            BanditMapping.update(request),
            request.getExpectedVersion());
    response.onNext(UpdateBanditResponse.newBuilder().setBandit(recorded(change)).build());
    response.onCompleted();
  }

  @Override
  public void archiveBandit(
      ArchiveBanditRequest request, StreamObserver<ArchiveBanditResponse> response) {
    ProjectAccess.requireBandit(request.getKey(), "key");
    BanditChange change = catalog.archive(request.getKey());
    response.onNext(ArchiveBanditResponse.newBuilder().setBandit(recorded(change)).build());
    response.onCompleted();
  }

  @Override
  public void resetBandit(
      ResetBanditRequest request, StreamObserver<ResetBanditResponse> response) {
    ProjectAccess.requireBandit(request.getKey(), "key");
    // A reset clears statistics (data) and leaves the definition as it was: the entry's before
    // and after are that definition, and its method says what happened to the statistics.
    Bandit bandit = BanditMapping.toProto(catalog.reset(request.getKey()));
    audit.record(AUDIT_TYPE, bandit.getKey(), bandit, bandit);
    response.onNext(ResetBanditResponse.newBuilder().setBandit(bandit).build());
    response.onCompleted();
  }

  /**
   * Records {@code change} if it changed anything (archiving an archived bandit writes nothing) and
   * returns the bandit after it.
   */
  private Bandit recorded(BanditChange change) {
    Bandit after = BanditMapping.toProto(change.after());
    if (change.changed()) {
      audit.record(AUDIT_TYPE, after.getKey(), BanditMapping.toProto(change.before()), after);
    }
    return after;
  }
}
