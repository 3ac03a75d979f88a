package dev.assay.cli.tokens;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.util.JsonFormat;
import dev.assay.cli.AssayCommand;
import dev.assay.cli.Cli;
import dev.assay.cli.CliResult;
import dev.assay.cli.SecuredServer;
import dev.assay.runtime.security.Scope;
import dev.assay.runtime.testing.TestTokens;
import dev.assay.security.v1.CreateTokenResponse;
import dev.assay.security.v1.ListTokensResponse;
import dev.assay.security.v1.Token;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokensCommandTest {
  @TempDir Path directory;
  private SecuredServer server;

  @BeforeEach
  void start() throws Exception {
    server = SecuredServer.start(directory);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void aCreatedSecretWorksIsListedAndIsRefusedOnceRevoked() throws Exception {
    CliResult created =
        Cli.run(
            server.asAdmin(),
            "tokens",
            "create",
            "--name",
            "auditor",
            "--scope",
            "audit:read",
            "--output",
            "json");
    assertEquals(AssayCommand.OK, created.exitCode(), created::toString);
    CreateTokenResponse.Builder response = CreateTokenResponse.newBuilder();
    JsonFormat.parser().merge(created.out(), response);
    String secret = response.getSecret();
    String id = response.getToken().getId();
    assertEquals(List.of("audit:read"), response.getToken().getScopesList());

    CliResult withSecret = Cli.run(server.environment(secret), "audit", "list");
    assertEquals(AssayCommand.OK, withSecret.exitCode(), withSecret::toString);

    CliResult listed = Cli.run(server.asAdmin(), "tokens", "list");
    assertEquals(AssayCommand.OK, listed.exitCode(), listed::toString);
    assertTrue(listed.out().lines().anyMatch(l -> l.startsWith(id) && l.contains("auditor")));
    assertTrue(listed.out().lines().anyMatch(l -> l.startsWith(server.adminId())), listed::out);

    CliResult revoked = Cli.run(server.asAdmin(), "tokens", "revoke", id);
    assertEquals(AssayCommand.OK, revoked.exitCode(), revoked::toString);
    assertTrue(revoked.out().contains("revoked"), revoked::out);

    CliResult refused = Cli.run(server.environment(secret), "audit", "list");
    assertEquals(AssayCommand.BAD_INPUT, refused.exitCode(), refused::toString);
    assertTrue(
        refused.err().startsWith("assay: token " + id + " was revoked (UNAUTHENTICATED)"),
        refused::err);
    assertTrue(refused.err().contains("hint: the token was refused"), refused::err);
    assertEquals("", refused.out());

    CliResult active = Cli.run(server.asAdmin(), "tokens", "list");
    assertFalse(active.out().contains(id), active::out);
    CliResult all = Cli.run(server.asAdmin(), "tokens", "list", "--all");
    assertTrue(
        all.out().lines().anyMatch(l -> l.startsWith(id) && l.endsWith("revoked")), all::out);
  }

  @Test
  void theTableFormPrintsTheSecretOnceWithAWarning() {
    CliResult created =
        Cli.run(
            server.asAdmin(),
            "tokens",
            "create",
            "--name",
            "checkout backend",
            "--scope",
            "evaluate",
            "--project",
            "checkout-");
    assertEquals(AssayCommand.OK, created.exitCode(), created::toString);
    assertTrue(created.out().contains("shown only now"), created::out);
    long secrets = created.out().lines().filter(l -> l.trim().startsWith("ast_")).count();
    assertEquals(1, secrets, created::out);
    assertTrue(created.out().contains("checkout-"), created::out);
  }

  @Test
  void withoutATokenTheCallIsUnauthenticatedWithExitCode1() {
    CliResult result = Cli.run(Map.of("ASSAY_TARGET", server.target()), "tokens", "list");
    assertEquals(AssayCommand.BAD_INPUT, result.exitCode(), result::toString);
    assertTrue(result.err().contains("(UNAUTHENTICATED)"), result::err);
    assertTrue(result.err().contains("hint: no token was sent; set ASSAY_TOKEN"), result::err);
    assertEquals("", result.out());
  }

  @Test
  void anUnknownScopeIsInvalidArgumentWithTheFieldShown() {
    CliResult result =
        Cli.run(
            server.asAdmin(),
            "tokens",
            "create",
            "--name",
            "x",
            "--scope",
            "evaluate",
            "--scope",
            "experiments:delete");
    assertEquals(AssayCommand.BAD_INPUT, result.exitCode(), result::toString);
    assertTrue(result.err().contains("(INVALID_ARGUMENT)"), result::err);
    assertTrue(
        result
            .err()
            .contains(
                "assay: scopes[1]: unknown scope (docs/security.md lists them), got"
                    + " 'experiments:delete'"),
        result::err);
    CliResult listed = Cli.run(server.asAdmin(), "tokens", "list", "--output", "json");
    assertFalse(listed.out().contains("\"x\""), "a rejected create changes nothing");
  }

  @Test
  void aTokenWithoutTheScopeIsPermissionDenied() {
    String evaluateOnly = TestTokens.create(server.security(), Set.of(Scope.EVALUATE), List.of());
    CliResult result = Cli.run(server.environment(evaluateOnly), "tokens", "list");
    assertEquals(AssayCommand.BAD_INPUT, result.exitCode(), result::toString);
    assertTrue(result.err().contains("(PERMISSION_DENIED)"), result::err);
    assertTrue(result.err().contains("tokens:admin"), result::err);
  }

  @Test
  void expiresInSetsTheExpiryFromNow() throws Exception {
    Instant before = Instant.now();
    CliResult created =
        Cli.run(
            server.asAdmin(),
            "tokens",
            "create",
            "--name",
            "temporary",
            "--scope",
            "results",
            "--expires-in",
            "30d",
            "--output",
            "json");
    assertEquals(AssayCommand.OK, created.exitCode(), created::toString);
    CreateTokenResponse.Builder response = CreateTokenResponse.newBuilder();
    JsonFormat.parser().merge(created.out(), response);
    Instant expires = Instant.ofEpochSecond(response.getToken().getExpireTime().getSeconds());
    Duration fromNow = Duration.between(before, expires);
    assertTrue(
        fromNow.compareTo(Duration.ofDays(30).minusSeconds(5)) > 0
            && fromNow.compareTo(Duration.ofDays(30).plusSeconds(60)) < 0,
        fromNow::toString);
  }

  @Test
  void expiresInAndExpiresAtTogetherIsAUsageError() {
    CliResult result =
        Cli.run(
            server.asAdmin(),
            "tokens",
            "create",
            "--name",
            "x",
            "--scope",
            "results",
            "--expires-in",
            "1d",
            "--expires-at",
            "2030-01-01T00:00:00Z");
    assertEquals(AssayCommand.BAD_INPUT, result.exitCode(), result::toString);
    assertTrue(result.err().contains("mutually exclusive"), result::err);
  }

  @Test
  void aFileTokenCannotBeRevokedThroughTheApi() {
    CliResult result = Cli.run(server.asAdmin(), "tokens", "revoke", server.adminId());
    assertEquals(AssayCommand.BAD_INPUT, result.exitCode(), result::toString);
    assertTrue(result.err().contains("(FAILED_PRECONDITION)"), result::err);
  }

  @Test
  void aMalformedIdIsInvalidArgumentNamingId() {
    CliResult result = Cli.run(server.asAdmin(), "tokens", "revoke", "not-an-id");
    assertEquals(AssayCommand.BAD_INPUT, result.exitCode(), result::toString);
    assertTrue(result.err().contains("assay: id: must be a token id"), result::err);
  }

  @Test
  void listJsonIsTheResponseWithEveryToken() throws Exception {
    CliResult listed = Cli.run(server.asAdmin(), "tokens", "list", "--output", "json");
    assertEquals(AssayCommand.OK, listed.exitCode(), listed::toString);
    ListTokensResponse.Builder response = ListTokensResponse.newBuilder();
    JsonFormat.parser().merge(listed.out(), response);
    Token admin = response.getTokens(0);
    assertEquals(server.adminId(), admin.getId());
    assertEquals("test admin", admin.getDisplayName());
  }

  @Test
  void connectionOptionsWorkBeforeAndAfterTheSubcommandAndTheFlagBeatsTheEnvironment() {
    Map<String, String> wrongTarget =
        Map.of("ASSAY_TARGET", "127.0.0.1:1", "ASSAY_TOKEN", server.adminToken());
    CliResult envOnly = Cli.run(wrongTarget, "tokens", "list", "--deadline", "5s");
    assertEquals(AssayCommand.UNAVAILABLE, envOnly.exitCode(), envOnly::toString);
    assertTrue(envOnly.err().contains("(UNAVAILABLE)"), envOnly::err);
    assertTrue(envOnly.err().contains("listening on 127.0.0.1:1?"), envOnly::err);

    CliResult before = Cli.run(wrongTarget, "--target", server.target(), "tokens", "list");
    assertEquals(AssayCommand.OK, before.exitCode(), before::toString);
    CliResult after = Cli.run(wrongTarget, "tokens", "list", "--target", server.target());
    assertEquals(AssayCommand.OK, after.exitCode(), after::toString);
    CliResult tokenFlag =
        Cli.run(
            Map.of(),
            "--target",
            server.target(),
            "tokens",
            "--token",
            server.adminToken(),
            "list");
    assertEquals(AssayCommand.OK, tokenFlag.exitCode(), tokenFlag::toString);
  }
}
