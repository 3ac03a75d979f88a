package dev.assay.runtime.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assay.runtime.errors.FailedPreconditionException;
import dev.assay.runtime.errors.NotFoundException;
import dev.assay.runtime.errors.PermissionDeniedException;
import dev.assay.runtime.testing.MutableClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenRegistryTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T00:00:00Z"));
  private final TokenRegistry registry =
      new TokenRegistry(new InMemoryTokenStore(), null, clock, new SecureRandom());
  private final Caller admin = Caller.system("test");

  @Test
  void aCreatedTokenAuthenticatesAsItselfWithItsScopesExpanded() throws Exception {
    TokenRegistry.Created created =
        registry.create(admin, "ci", EnumSet.of(Scope.EXPERIMENTS_WRITE), List.of("web-"), null);

    Caller caller = registry.authenticate(created.bearer());

    assertEquals("token:" + created.token().id(), caller.actor());
    assertEquals(Set.of(Scope.EXPERIMENTS_WRITE, Scope.EXPERIMENTS_READ), caller.scopes());
    assertEquals(List.of("web-"), caller.projects());
    assertTrue(created.bearer().startsWith("ast_" + created.token().id() + "_"));
  }

  @Test
  void onlyTheHashIsKept() {
    TokenRegistry.Created created =
        registry.create(admin, "ci", EnumSet.of(Scope.EVALUATE), List.of(), null);

    String secretPart = created.bearer().substring(21);
    assertEquals(BearerToken.sha256Hex(created.bearer()), created.token().sha256Hex());
    assertTrue(!TokenJson.write(created.token()).contains(secretPart));
    assertTrue(!created.toString().contains(secretPart));
  }

  @Test
  void aWrongSecretAndAnUnknownIdFailAlike() {
    TokenRegistry.Created created =
        registry.create(admin, "ci", EnumSet.of(Scope.EVALUATE), List.of(), null);
    String wrongSecret = created.bearer().substring(0, 21) + "A".repeat(43);
    String unknownId = "ast_0000000000000000_" + created.bearer().substring(21);

    String first =
        assertThrows(UnauthenticatedException.class, () -> registry.authenticate(wrongSecret))
            .getMessage();
    String second =
        assertThrows(UnauthenticatedException.class, () -> registry.authenticate(unknownId))
            .getMessage();
    String third =
        assertThrows(UnauthenticatedException.class, () -> registry.authenticate("garbage"))
            .getMessage();

    assertEquals("invalid bearer token", first);
    assertEquals(first, second);
    assertEquals(first, third);
  }

  @Test
  void revokedAndExpiredTokensStopWorking() throws Exception {
    TokenRegistry.Created revoked =
        registry.create(admin, "a", EnumSet.of(Scope.EVALUATE), List.of(), null);
    TokenRegistry.Created expiring =
        registry.create(
            admin, "b", EnumSet.of(Scope.EVALUATE), List.of(), clock.instant().plusSeconds(60));
    registry.authenticate(expiring.bearer());

    registry.revoke(admin, revoked.token().id());
    clock.advance(Duration.ofSeconds(60));

    assertTrue(
        assertThrows(UnauthenticatedException.class, () -> registry.authenticate(revoked.bearer()))
            .getMessage()
            .contains("revoked"));
    assertTrue(
        assertThrows(UnauthenticatedException.class, () -> registry.authenticate(expiring.bearer()))
            .getMessage()
            .contains("expired"));
  }

  @Test
  void aTokenCannotGrantMoreThanItsCreatorHolds() throws Exception {
    Caller limited =
        registry.authenticate(
            registry
                .create(
                    admin,
                    "x",
                    EnumSet.of(Scope.TOKENS_ADMIN, Scope.FLAGS_WRITE),
                    List.of("web-"),
                    null)
                .bearer());

    assertThrows(
        PermissionDeniedException.class,
        () -> registry.create(limited, "y", EnumSet.of(Scope.ADMIN), List.of("web-"), null));
    assertThrows(
        PermissionDeniedException.class,
        () -> registry.create(limited, "y", EnumSet.of(Scope.FLAGS_WRITE), List.of(), null));
    assertThrows(
        PermissionDeniedException.class,
        () -> registry.create(limited, "y", EnumSet.of(Scope.FLAGS_READ), List.of("ios-"), null));
    registry.create(limited, "y", EnumSet.of(Scope.FLAGS_READ), List.of("web-checkout-"), null);
  }

  @Test
  void aRestrictedAdminNeitherSeesNorRevokesOtherProjectsTokens() throws Exception {
    TokenRegistry.Created foreign =
        registry.create(admin, "ios", EnumSet.of(Scope.EVALUATE), List.of("ios-"), null);
    Caller webAdmin =
        registry.authenticate(
            registry
                .create(admin, "w", EnumSet.of(Scope.TOKENS_ADMIN), List.of("web-"), null)
                .bearer());

    assertTrue(
        registry.list(webAdmin, true).stream().noneMatch(t -> t.id().equals(foreign.token().id())));
    assertThrows(NotFoundException.class, () -> registry.revoke(webAdmin, foreign.token().id()));
    assertThrows(NotFoundException.class, () -> registry.revoke(webAdmin, "0123456789abcdef"));
    registry.authenticate(foreign.bearer());
  }

  @Test
  void fileTokensLoadReloadAndSurviveABrokenEdit(@TempDir Path dir) throws Exception {
    BearerToken first = BearerToken.generate(new SecureRandom());
    BearerToken second = BearerToken.generate(new SecureRandom());
    Path file = dir.resolve("tokens.json");
    write(file, entry(first, "evaluate"), Instant.parse("2026-12-01T00:00:00Z"));
    TokenRegistry fromFile =
        new TokenRegistry(
            new InMemoryTokenStore(), new TokensFile(file), clock, new SecureRandom());
    fromFile.refresh();
    assertEquals(Set.of(Scope.EVALUATE), fromFile.authenticate(first.value()).scopes());

    write(file, entry(second, "analysis"), Instant.parse("2026-12-01T00:01:00Z"));
    fromFile.refresh();
    assertThrows(UnauthenticatedException.class, () -> fromFile.authenticate(first.value()));
    assertEquals(Set.of(Scope.ANALYSIS), fromFile.authenticate(second.value()).scopes());

    Files.writeString(file, "{\"tokens\": [ {\"id\": \"broken\"");
    Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2026-12-01T00:02:00Z")));
    fromFile.refresh();
    assertEquals(Set.of(Scope.ANALYSIS), fromFile.authenticate(second.value()).scopes());
    assertThrows(FailedPreconditionException.class, () -> fromFile.revoke(admin, second.id()));
  }

  @Test
  void aBadFileEntryIsNamed(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("tokens.json");
    BearerToken token = BearerToken.generate(new SecureRandom());
    Files.writeString(
        file, "{\"tokens\": [" + entry(token, "evaluate") + "," + entry(token, "bogus") + "]}");

    IllegalArgumentException error =
        assertThrows(IllegalArgumentException.class, () -> new TokensFile(file).read());

    assertTrue(error.getMessage().contains("tokens[1]"), error.getMessage());
    assertTrue(error.getMessage().contains("unknown scope 'bogus'"), error.getMessage());
  }

  static String entry(BearerToken token, String scope) {
    return "{\"id\": \""
        + token.id()
        + "\", \"sha256\": \""
        + token.sha256Hex()
        + "\", \"display_name\": \"gitops\", \"scopes\": [\""
        + scope
        + "\"]}";
  }

  private static void write(Path file, String entry, Instant modified) throws IOException {
    Files.writeString(file, "{\"tokens\": [" + entry + "]}");
    Files.setLastModifiedTime(file, FileTime.from(modified));
  }
}
