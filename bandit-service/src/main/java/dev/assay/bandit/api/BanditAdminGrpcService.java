package dev.assay.bandit.api;

import dev.assay.bandit.definition.BanditCatalog;
import dev.assay.bandit.definition.BanditDefinition;
import dev.assay.bandit.definition.BanditPage;
import dev.assay.bandit.v1.ArchiveBanditRequest;
import dev.assay.bandit.v1.ArchiveBanditResponse;
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
import dev.assay.runtime.errors.ValidationException;
import io.grpc.stub.StreamObserver;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

/** gRPC adapter of {@link BanditCatalog}: translates and delegates (the catalog validates). */
public final class BanditAdminGrpcService
    extends BanditAdminServiceGrpc.BanditAdminServiceImplBase {
  private final BanditCatalog catalog;
  private final BanditMapping mapping;

  /**
   * An adapter over {@code catalog}; bandits created without a decision TTL get {@code
   * defaultDecisionTtl}.
   */
  public BanditAdminGrpcService(BanditCatalog catalog, Duration defaultDecisionTtl) {
    this.catalog = catalog;
    this.mapping = new BanditMapping(defaultDecisionTtl);
  }

  @Override
  public void createBandit(
      CreateBanditRequest request, StreamObserver<CreateBanditResponse> response) {
    BanditDefinition created = catalog.create(mapping.toDomain(request.getBandit()));
    response.onNext(
        CreateBanditResponse.newBuilder().setBandit(BanditMapping.toProto(created)).build());
    response.onCompleted();
  }

  @Override
  public void getBandit(GetBanditRequest request, StreamObserver<GetBanditResponse> response) {
    BanditDefinition found = catalog.get(request.getKey());
    response.onNext(GetBanditResponse.newBuilder().setBandit(BanditMapping.toProto(found)).build());
    response.onCompleted();
  }

  @Override
  public void listBandits(
      ListBanditsRequest request, StreamObserver<ListBanditsResponse> response) {
    BanditPage page = catalog.list(afterKey(request.getPageToken()), request.getPageSize());
    List<BanditDefinition> bandits = page.bandits();
    ListBanditsResponse.Builder out = ListBanditsResponse.newBuilder();
    bandits.forEach(d -> out.addBandits(BanditMapping.toProto(d)));
    if (page.hasMore() && !bandits.isEmpty()) {
      out.setNextPageToken(pageToken(bandits.get(bandits.size() - 1).key()));
    }
    response.onNext(out.build());
    response.onCompleted();
  }

  /** A page token is the URL-safe base64 of the last key of the previous page. */
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
    BanditDefinition updated =
        catalog.update(
            request.getBandit().getKey(),
            BanditMapping.update(request),
            request.getExpectedVersion());
    response.onNext(
        UpdateBanditResponse.newBuilder().setBandit(BanditMapping.toProto(updated)).build());
    response.onCompleted();
  }

  @Override
  public void archiveBandit(
      ArchiveBanditRequest request, StreamObserver<ArchiveBanditResponse> response) {
    BanditDefinition archived = catalog.archive(request.getKey());
    response.onNext(
        ArchiveBanditResponse.newBuilder().setBandit(BanditMapping.toProto(archived)).build());
    response.onCompleted();
  }

  @Override
  public void resetBandit(
      ResetBanditRequest request, StreamObserver<ResetBanditResponse> response) {
    BanditDefinition reset = catalog.reset(request.getKey());
    response.onNext(
        ResetBanditResponse.newBuilder().setBandit(BanditMapping.toProto(reset)).build());
    response.onCompleted();
  }
}
