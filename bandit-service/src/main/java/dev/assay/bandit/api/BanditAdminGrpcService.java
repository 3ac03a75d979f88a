package dev.assay.bandit.api;

import dev.assay.bandit.definition.BanditCatalog;
import dev.assay.bandit.definition.BanditDefinition;
import dev.assay.bandit.definition.BanditUpdate;
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
import java.util.Optional;

/** gRPC adapter of {@link BanditCatalog}: validates, translates, delegates. */
public final class BanditAdminGrpcService
    extends BanditAdminServiceGrpc.BanditAdminServiceImplBase {
  private static final int DEFAULT_PAGE_SIZE = 100;
  private static final int MAX_PAGE_SIZE = 1000;

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
    BanditCatalog.checkKey("key", request.getKey());
    response.onNext(
        GetBanditResponse.newBuilder()
            .setBandit(BanditMapping.toProto(catalog.get(request.getKey())))
            .build());
    response.onCompleted();
  }

  @Override
  public void listBandits(
      ListBanditsRequest request, StreamObserver<ListBanditsResponse> response) {
    if (request.getPageSize() < 0) {
      throw ValidationException.of(
          "page_size", "must be >= 0 (0 = default " + DEFAULT_PAGE_SIZE + ")");
    }
    int size =
        request.getPageSize() == 0
            ? DEFAULT_PAGE_SIZE
            : Math.min(request.getPageSize(), MAX_PAGE_SIZE);
    String after;
    try {
      after =
          new String(Base64.getUrlDecoder().decode(request.getPageToken()), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw ValidationException.of("page_token", "is not a token returned by ListBandits");
    }
    List<BanditDefinition> page = catalog.list(after, size + 1);
    ListBanditsResponse.Builder out = ListBanditsResponse.newBuilder();
    page.stream().limit(size).forEach(d -> out.addBandits(BanditMapping.toProto(d)));
    if (page.size() > size) {
      String last = page.get(size - 1).key();
      out.setNextPageToken(
          Base64.getUrlEncoder()
              .withoutPadding()
              .encodeToString(last.getBytes(StandardCharsets.UTF_8)));
    }
    response.onNext(out.build());
    response.onCompleted();
  }

  @Override
  public void updateBandit(
      UpdateBanditRequest request, StreamObserver<UpdateBanditResponse> response) {
    BanditCatalog.checkKey("bandit.key", request.getBandit().getKey());
    if (request.getUpdateMask().getPathsCount() == 0) {
      throw ValidationException.of("update_mask", "name at least one field to change");
    }
    var b = request.getBandit();
    Optional<String> description = Optional.empty();
    Optional<List<dev.assay.bandit.definition.ArmDefinition>> arms = Optional.empty();
    Optional<dev.assay.bandit.definition.PolicySpec> policy = Optional.empty();
    Optional<Duration> ttl = Optional.empty();
    Optional<Duration> halfLife = Optional.empty();
    Optional<Duration> sticky = Optional.empty();
    for (int i = 0; i < request.getUpdateMask().getPathsCount(); i++) {
      String path = request.getUpdateMask().getPaths(i);
      switch (path) {
        case "description" -> description = Optional.of(b.getDescription());
        case "arms" -> arms = Optional.of(BanditMapping.arms(b.getArmsList()));
        case "policy" -> policy = Optional.of(BanditMapping.policy(b.getPolicy()));
        case "decision_ttl" ->
            ttl = Optional.of(BanditMapping.duration(b.getDecisionTtl(), "bandit.decision_ttl"));
        case "discount_half_life" ->
            halfLife =
                Optional.of(
                    BanditMapping.duration(b.getDiscountHalfLife(), "bandit.discount_half_life"));
        case "sticky_duration" ->
            sticky =
                Optional.of(
                    BanditMapping.duration(b.getStickyDuration(), "bandit.sticky_duration"));
        default ->
            throw ValidationException.of(
                "update_mask.paths[" + i + "]",
                "'"
                    + path
                    + "' cannot be updated; allowed: description, arms, policy, decision_ttl, discount_half_life,"
                    + " sticky_duration");
      }
    }
    BanditDefinition updated =
        catalog.update(
            b.getKey(),
            new BanditUpdate(description, arms, policy, ttl, halfLife, sticky),
            request.getExpectedVersion());
    response.onNext(
        UpdateBanditResponse.newBuilder().setBandit(BanditMapping.toProto(updated)).build());
    response.onCompleted();
  }

  @Override
  public void archiveBandit(
      ArchiveBanditRequest request, StreamObserver<ArchiveBanditResponse> response) {
    BanditCatalog.checkKey("key", request.getKey());
    response.onNext(
        ArchiveBanditResponse.newBuilder()
            .setBandit(BanditMapping.toProto(catalog.archive(request.getKey())))
            .build());
    response.onCompleted();
  }

  @Override
  public void resetBandit(
      ResetBanditRequest request, StreamObserver<ResetBanditResponse> response) {
    BanditCatalog.checkKey("key", request.getKey());
    response.onNext(
        ResetBanditResponse.newBuilder()
            .setBandit(BanditMapping.toProto(catalog.reset(request.getKey())))
            .build());
    response.onCompleted();
  }
}
