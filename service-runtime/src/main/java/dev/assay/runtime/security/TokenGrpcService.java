package dev.assay.runtime.security;

import static dev.assay.runtime.proto.ProtoTime.timestamp;

import com.google.protobuf.Timestamp;
import com.google.protobuf.util.Timestamps;
import dev.assay.runtime.audit.AuditTrail;
import dev.assay.runtime.errors.Violations;
import dev.assay.security.v1.CreateTokenRequest;
import dev.assay.security.v1.CreateTokenResponse;
import dev.assay.security.v1.ListTokensRequest;
import dev.assay.security.v1.ListTokensResponse;
import dev.assay.security.v1.RevokeTokenRequest;
import dev.assay.security.v1.RevokeTokenResponse;
import dev.assay.security.v1.Token;
import dev.assay.security.v1.TokenServiceGrpc;
import dev.assay.security.v1.TokenSource;
import io.grpc.stub.StreamObserver;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** The gRPC adapter of the {@link TokenRegistry}; every create and revoke is audited. */
public final class TokenGrpcService extends TokenServiceGrpc.TokenServiceImplBase {
  static final int MAX_DISPLAY_NAME = 200;
  static final int MAX_SCOPES = 32;
  static final int MAX_PROJECTS = 32;
  static final int MAX_PROJECT_CHARS = 128;
  private static final int DEFAULT_PAGE_SIZE = 100;
  private static final int MAX_PAGE_SIZE = 1000;

  private final TokenRegistry registry;
  private final AuditTrail audit;
  private final Clock clock;

  public TokenGrpcService(TokenRegistry registry, AuditTrail audit, Clock clock) {
    this.registry = registry;
    this.audit = audit;
    this.clock = clock;
  }

  @Override
  public void createToken(
      CreateTokenRequest request, StreamObserver<CreateTokenResponse> responses) {
    Violations violations = new Violations();
    String name = request.getDisplayName();
    violations.check(
        name.isBlank() || name.length() > MAX_DISPLAY_NAME || hasControl(name),
        "display_name",
        "must be 1-" + MAX_DISPLAY_NAME + " characters without control characters");
    Set<Scope> scopes = EnumSet.noneOf(Scope.class);
    violations.check(
        request.getScopesCount() == 0 || request.getScopesCount() > MAX_SCOPES,
        "scopes",
        "must list 1-" + MAX_SCOPES + " scopes");
    for (int i = 0; i < request.getScopesCount() && i < MAX_SCOPES; i++) {
      String scope = request.getScopes(i);
      String field = "scopes[" + i + "]";
      Scope.fromWireName(scope)
          .ifPresentOrElse(
              scopes::add,
              () ->
                  violations.add(
                      field,
                      "unknown scope (docs/security.md lists them), got '"
                          + abbreviate(scope)
                          + "'"));
    }
    violations.check(
        request.getProjectsCount() > MAX_PROJECTS,
        "projects",
        "must list at most " + MAX_PROJECTS + " key prefixes");
    for (int i = 0; i < request.getProjectsCount() && i < MAX_PROJECTS; i++) {
      String project = request.getProjects(i);
      violations.check(
          project.isEmpty() || project.length() > MAX_PROJECT_CHARS || hasControl(project),
          "projects[" + i + "]",
          "must be 1-" + MAX_PROJECT_CHARS + " characters without control characters");
    }
    Instant expireTime = null;
    if (request.hasExpireTime()) {
      Timestamp expire = request.getExpireTime();
      if (!Timestamps.isValid(expire)) {
        violations.add("expire_time", "must be a valid timestamp");
      } else {
        expireTime = Instant.ofEpochSecond(expire.getSeconds(), expire.getNanos());
        violations.check(
            !expireTime.isAfter(clock.instant()), "expire_time", "must be in the future");
      }
    }
    violations.throwIfAny();
    TokenRegistry.Created created =
        registry.create(
            RequestContext.currentCaller(), name, scopes, request.getProjectsList(), expireTime);
    Token token = toProto(created.token());
    audit.record("token", token.getId(), null, token);
    responses.onNext(
        CreateTokenResponse.newBuilder().setToken(token).setSecret(created.bearer()).build());
    responses.onCompleted();
  }

  @Override
  public void listTokens(ListTokensRequest request, StreamObserver<ListTokensResponse> responses) {
    Violations violations = new Violations();
    violations.check(
        request.getPageSize() < 0 || request.getPageSize() > MAX_PAGE_SIZE,
        "page_size",
        "must be 0-" + MAX_PAGE_SIZE + " (0 means " + DEFAULT_PAGE_SIZE + ")");
    int offset = 0;
    if (!request.getPageToken().isEmpty()) {
      try {
        offset = Integer.parseInt(request.getPageToken());
      } catch (NumberFormatException e) {
        offset = -1;
      }
      violations.check(offset < 0, "page_token", "not a page token this service issued");
    }
    violations.throwIfAny();
    int pageSize = request.getPageSize() == 0 ? DEFAULT_PAGE_SIZE : request.getPageSize();
    List<StoredToken> all =
        registry.list(RequestContext.currentCaller(), request.getShowInactive());
    int from = Math.min(offset, all.size());
    int to = Math.min(from + pageSize, all.size());
    ListTokensResponse.Builder response = ListTokensResponse.newBuilder();
    all.subList(from, to).forEach(t -> response.addTokens(toProto(t)));
    if (to < all.size()) {
      response.setNextPageToken(Integer.toString(to));
    }
    responses.onNext(response.build());
    responses.onCompleted();
  }

  @Override
  public void revokeToken(
      RevokeTokenRequest request, StreamObserver<RevokeTokenResponse> responses) {
    if (!BearerToken.isTokenId(request.getId())) {
      new Violations().add("id", "must be a token id: 16 lowercase hex characters").throwIfAny();
    }
    Token before =
        registry
            .find(RequestContext.currentCaller(), request.getId())
            .map(TokenGrpcService::toProto)
            .orElse(null);
    Token revoked = toProto(registry.revoke(RequestContext.currentCaller(), request.getId()));
    audit.record("token", revoked.getId(), before, revoked);
    responses.onNext(RevokeTokenResponse.newBuilder().setToken(revoked).build());
    responses.onCompleted();
  }

  static Token toProto(StoredToken token) {
    Token.Builder proto =
        Token.newBuilder()
            .setId(token.id())
            .setDisplayName(token.displayName())
            .addAllScopes(token.scopes().stream().map(Scope::wireName).sorted().toList())
            .addAllProjects(token.projects())
            .setCreateTime(timestamp(token.createTime()))
            .setCreatedBy(token.createdBy())
            .setSource(
                token.fromFile() ? TokenSource.TOKEN_SOURCE_FILE : TokenSource.TOKEN_SOURCE_API);
    setIfPresent(token.expireTime(), t -> proto.setExpireTime(timestamp(t)));
    setIfPresent(token.revokeTime(), t -> proto.setRevokeTime(timestamp(t)));
    return proto.build();
  }

  private static void setIfPresent(
      @Nullable Instant time, java.util.function.Consumer<Instant> set) {
    if (time != null) {
      set.accept(time);
    }
  }

  private static boolean hasControl(String text) {
    return text.chars().anyMatch(Character::isISOControl);
  }

  private static String abbreviate(String text) {
    return text.length() <= 64 ? text : text.substring(0, 64) + "...";
  }
}
