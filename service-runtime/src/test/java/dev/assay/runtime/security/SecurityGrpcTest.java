package dev.assay.runtime.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Timestamp;
import dev.assay.runtime.testing.AuthMatrix;
import dev.assay.runtime.testing.GrpcAssertions;
import dev.assay.runtime.testing.InProcessGrpc;
import dev.assay.runtime.testing.MutableClock;
import dev.assay.runtime.testing.RawCalls;
import dev.assay.runtime.testing.TestTokens;
import dev.assay.security.v1.AuditEvent;
import dev.assay.security.v1.AuditFilter;
import dev.assay.security.v1.AuditServiceGrpc;
import dev.assay.security.v1.CreateTokenRequest;
import dev.assay.security.v1.CreateTokenResponse;
import dev.assay.security.v1.ExportAuditEventsRequest;
import dev.assay.security.v1.ListAuditEventsRequest;
import dev.assay.security.v1.ListAuditEventsResponse;
import dev.assay.security.v1.ListTokensRequest;
import dev.assay.security.v1.RevokeTokenRequest;
import dev.assay.security.v1.TokenServiceGrpc;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.MetadataUtils;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The token and audit services every server carries, through gRPC with authentication on. */
class SecurityGrpcTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T00:00:00Z"));
  private final Security security =
      Security.inMemory(
          "test", new SecuritySettings(true, null), MethodScopes.builder().build(), clock);
  private final InProcessGrpc grpc = InProcessGrpc.start("test", List.of(), security);
  private final String admin = TestTokens.create(security, EnumSet.of(Scope.ADMIN), List.of());

  @AfterEach
  void close() {
    grpc.close();
  }

  private TokenServiceGrpc.TokenServiceBlockingStub tokens(String bearer) {
    return TokenServiceGrpc.newBlockingStub(grpc.channel())
        .withCallCredentials(new BearerCredentials(bearer));
  }

  private AuditServiceGrpc.AuditServiceBlockingStub audit(String bearer) {
    return AuditServiceGrpc.newBlockingStub(grpc.channel())
        .withCallCredentials(new BearerCredentials(bearer));
  }

  @Test
  void everyPlatformMethodRefusesMissingBadRevokedAndUnderScopedTokens() {
    int calls =
        AuthMatrix.check(
            grpc.channel(), security, PlatformScopes.TABLE, RawCalls.methods(security.services()));
    assertEquals(5 * 7, calls);
  }

  @Test
  void aTokenCreatedThroughTheApiWorksUntilRevoked() {
    CreateTokenResponse created =
        tokens(admin)
            .createToken(
                CreateTokenRequest.newBuilder()
                    .setDisplayName("auditor")
                    .addScopes("audit:read")
                    .build());
    assertEquals(List.of("audit:read"), created.getToken().getScopesList());
    audit(created.getSecret()).listAuditEvents(ListAuditEventsRequest.getDefaultInstance());

    tokens(admin)
        .revokeToken(RevokeTokenRequest.newBuilder().setId(created.getToken().getId()).build());

    StatusRuntimeException refused =
        assertThrows(
            StatusRuntimeException.class,
            () ->
                audit(created.getSecret())
                    .listAuditEvents(ListAuditEventsRequest.getDefaultInstance()));
    assertEquals(Status.Code.UNAUTHENTICATED, refused.getStatus().getCode());
  }

  @Test
  void anExpiredTokenIsRefused() {
    CreateTokenResponse created =
        tokens(admin)
            .createToken(
                CreateTokenRequest.newBuilder()
                    .setDisplayName("short-lived")
                    .addScopes("audit:read")
                    .setExpireTime(
                        Timestamp.newBuilder().setSeconds(clock.instant().getEpochSecond() + 60))
                    .build());
    clock.advance(Duration.ofSeconds(61));

    StatusRuntimeException refused =
        assertThrows(
            StatusRuntimeException.class,
            () ->
                audit(created.getSecret())
                    .listAuditEvents(ListAuditEventsRequest.getDefaultInstance()));
    assertEquals(Status.Code.UNAUTHENTICATED, refused.getStatus().getCode());
    assertTrue(refused.getStatus().getDescription().contains("expired"));
  }

  @Test
  void badCreateRequestsNameEveryFieldAndCreateNothing() {
    int before = security.tokens().list(Caller.system("t"), true).size();
    GrpcAssertions.assertInvalidFields(
        List.of("display_name", "scopes[0]", "projects[0]", "expire_time"),
        () ->
            tokens(admin)
                .createToken(
                    CreateTokenRequest.newBuilder()
                        .setDisplayName("")
                        .addScopes("everything")
                        .addProjects("")
                        .setExpireTime(Timestamp.newBuilder().setSeconds(1))
                        .build()));
    assertEquals(before, security.tokens().list(Caller.system("t"), true).size());
  }

  @Test
  void aTokenCannotMintAStrongerOne() {
    String tokenAdmin = TestTokens.create(security, EnumSet.of(Scope.TOKENS_ADMIN), List.of());
    StatusRuntimeException error =
        assertThrows(
            StatusRuntimeException.class,
            () ->
                tokens(tokenAdmin)
                    .createToken(
                        CreateTokenRequest.newBuilder()
                            .setDisplayName("escalate")
                            .addScopes("admin")
                            .build()));
    assertEquals(Status.Code.PERMISSION_DENIED, error.getStatus().getCode());
  }

  @Test
  void tokenWritesAreAuditedWithActorBeforeAfterAndReason() {
    Metadata reason = new Metadata();
    reason.put(AuthInterceptor.AUDIT_REASON, "onboarding the checkout team");
    CreateTokenResponse created =
        tokens(admin)
            .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(reason))
            .createToken(
                CreateTokenRequest.newBuilder()
                    .setDisplayName("checkout")
                    .addScopes("evaluate")
                    .build());
    tokens(admin)
        .revokeToken(RevokeTokenRequest.newBuilder().setId(created.getToken().getId()).build());

    List<AuditEvent> events =
        audit(admin)
            .listAuditEvents(
                ListAuditEventsRequest.newBuilder()
                    .setFilter(AuditFilter.newBuilder().setResourceType("token"))
                    .build())
            .getEventsList();

    assertEquals(2, events.size());
    AuditEvent revoke = events.get(0);
    AuditEvent create = events.get(1);
    String actor = "token:" + admin.substring(4, 20);
    assertEquals(actor, create.getActor());
    assertEquals("assay.security.v1.TokenService/CreateToken", create.getMethod());
    assertEquals("onboarding the checkout team", create.getReason());
    assertFalse(create.hasBefore());
    assertEquals("checkout", create.getAfter().getFieldsOrThrow("displayName").getStringValue());
    assertEquals("assay.security.v1.TokenService/RevokeToken", revoke.getMethod());
    assertFalse(revoke.getBefore().containsFields("revokeTime"));
    assertTrue(revoke.getAfter().containsFields("revokeTime"));
    assertEquals(created.getToken().getId(), revoke.getResourceId());
    assertFalse(events.toString().contains(created.getSecret().substring(21)));
  }

  @Test
  void auditEventsPageNewestFirstAndExportOldestFirst() {
    for (int i = 0; i < 7; i++) {
      tokens(admin)
          .createToken(
              CreateTokenRequest.newBuilder()
                  .setDisplayName("t" + i)
                  .addScopes("evaluate")
                  .build());
      clock.advance(Duration.ofMillis(1));
    }
    List<String> paged = new ArrayList<>();
    String pageToken = "";
    do {
      ListAuditEventsResponse page =
          audit(admin)
              .listAuditEvents(
                  ListAuditEventsRequest.newBuilder()
                      .setPageSize(3)
                      .setPageToken(pageToken)
                      .build());
      page.getEventsList()
          .forEach(e -> paged.add(e.getAfter().getFieldsOrThrow("displayName").getStringValue()));
      pageToken = page.getNextPageToken();
    } while (!pageToken.isEmpty());
    List<String> exported = new ArrayList<>();
    audit(admin)
        .exportAuditEvents(ExportAuditEventsRequest.getDefaultInstance())
        .forEachRemaining(
            e ->
                exported.add(
                    e.getEvent().getAfter().getFieldsOrThrow("displayName").getStringValue()));

    assertEquals(List.of("t6", "t5", "t4", "t3", "t2", "t1", "t0"), paged);
    assertEquals(List.of("t0", "t1", "t2", "t3", "t4", "t5", "t6"), exported);
  }

  @Test
  void aForgedPageTokenIsRefusedByName() {
    GrpcAssertions.assertInvalidFields(
        List.of("page_token"),
        () ->
            audit(admin)
                .listAuditEvents(ListAuditEventsRequest.newBuilder().setPageToken("x").build()));
    GrpcAssertions.assertInvalidFields(
        List.of("page_token"),
        () -> tokens(admin).listTokens(ListTokensRequest.newBuilder().setPageToken("x").build()));
  }

  @Test
  void hostileSizesAndTimesAreRefusedByFieldAndChangeNothing() {
    int before = security.tokens().list(Caller.system("t"), true).size();
    CreateTokenRequest.Builder huge =
        CreateTokenRequest.newBuilder()
            .setDisplayName("x".repeat(100_000))
            .addProjects("p".repeat(129))
            .setExpireTime(Timestamp.newBuilder().setSeconds(Long.MAX_VALUE));
    for (int i = 0; i < 33; i++) {
      huge.addScopes("evaluate");
    }
    GrpcAssertions.assertInvalidFields(
        List.of("display_name", "scopes", "projects[0]", "expire_time"),
        () -> tokens(admin).createToken(huge.build()));
    GrpcAssertions.assertInvalidFields(
        List.of("display_name", "scopes[0]"),
        () ->
            tokens(admin)
                .createToken(
                    CreateTokenRequest.newBuilder()
                        .setDisplayName("line\nbreak")
                        .addScopes("evaluate\u0000")
                        .build()));
    GrpcAssertions.assertInvalidFields(
        List.of("page_size", "filter.actor", "filter.start_time"),
        () ->
            audit(admin)
                .listAuditEvents(
                    ListAuditEventsRequest.newBuilder()
                        .setPageSize(Integer.MIN_VALUE)
                        .setFilter(
                            AuditFilter.newBuilder()
                                .setActor("a".repeat(513))
                                .setStartTime(Timestamp.newBuilder().setNanos(-1)))
                        .build()));
    GrpcAssertions.assertInvalidFields(
        List.of("page_size"),
        () -> tokens(admin).listTokens(ListTokensRequest.newBuilder().setPageSize(1001).build()));
    GrpcAssertions.assertInvalidFields(
        List.of("id"),
        () -> tokens(admin).revokeToken(RevokeTokenRequest.newBuilder().setId("../../x").build()));
    assertEquals(before, security.tokens().list(Caller.system("t"), true).size());
  }
}
