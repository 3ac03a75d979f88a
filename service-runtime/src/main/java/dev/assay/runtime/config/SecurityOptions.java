package dev.assay.runtime.config;

import dev.assay.runtime.security.JwtAuthenticator;
import dev.assay.runtime.security.JwtSettings;
import dev.assay.runtime.security.SecuritySettings;
import dev.assay.runtime.security.TokensFile;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/** The authentication settings every service shares (a picocli mixin). */
public final class SecurityOptions {
  @Option(
      names = "--auth",
      paramLabel = "MODE",
      defaultValue = "off",
      description =
          "off: every caller may do everything (development only; logged loudly at start)."
              + " tokens: every call needs \"authorization: Bearer <token>\" with the RPC's scope."
              + " Default: ${DEFAULT-VALUE}.")
  String auth = "off";

  @Option(
      names = "--tokens-file",
      paramLabel = "FILE",
      description =
          "JSON file of hashed tokens ({\"tokens\": [...]}, see docs/security.md), re-read when it"
              + " changes. Unset: API tokens only.")
  @Nullable Path tokensFile;

  @Option(
      names = "--jwt-jwks",
      paramLabel = "FILE|URL",
      description =
          "Also accept JWTs signed by an identity provider whose JWK set is this file or https://"
              + " URL (RS*/PS*/ES* only). Unset: Assay tokens only.")
  @Nullable String jwtJwks;

  @Option(
      names = "--jwt-issuer",
      paramLabel = "ISSUER",
      description = "The iss every JWT must carry (required with --jwt-jwks).")
  @Nullable String jwtIssuer;

  @Option(
      names = "--jwt-audience",
      paramLabel = "AUDIENCE",
      split = ",",
      description = "Accepted aud values, comma-separated; a JWT must name one. Unset: any.")
  List<String> jwtAudiences = new ArrayList<>();

  @Option(
      names = "--jwt-scopes-claim",
      paramLabel = "CLAIM",
      defaultValue = "scope",
      description =
          "Claim listing Assay scopes (space-separated or an array; other names are ignored)."
              + " Default: ${DEFAULT-VALUE}.")
  String jwtScopesClaim = "scope";

  @Option(
      names = "--jwt-projects-claim",
      paramLabel = "CLAIM",
      defaultValue = "assay_projects",
      description =
          "Claim listing the key prefixes the caller may touch; absent or empty: every key."
              + " Default: ${DEFAULT-VALUE}.")
  String jwtProjectsClaim = "assay_projects";

  /** The checked settings. */
  public SecuritySettings toSettings() {
    boolean required =
        switch (auth.toLowerCase(Locale.ROOT)) {
          case "off" -> false;
          case "tokens" -> true;
          default ->
              throw InvalidSettingsException.forSetting(
                  "--auth", "must be off or tokens, got '" + auth + "'");
        };
    if (tokensFile != null) {
      try {
        new TokensFile(tokensFile).read();
      } catch (IOException | IllegalArgumentException e) {
        throw InvalidSettingsException.forSetting(
            "--tokens-file", tokensFile + ": " + e.getMessage());
      }
    }
    return new SecuritySettings(required, tokensFile, jwt());
  }

  private @Nullable JwtSettings jwt() {
    if (jwtJwks == null) {
      if (jwtIssuer != null) {
        throw InvalidSettingsException.forSetting("--jwt-issuer", "needs --jwt-jwks");
      }
      return null;
    }
    if (jwtIssuer == null || jwtIssuer.isBlank()) {
      throw InvalidSettingsException.forSetting(
          "--jwt-issuer", "is required with --jwt-jwks (the iss every JWT must carry)");
    }
    JwtSettings settings =
        new JwtSettings(
            jwtJwks,
            jwtIssuer,
            jwtAudiences,
            jwtScopesClaim,
            jwtProjectsClaim,
            Duration.ofSeconds(60));
    try {
      // Reads a file now, so a bad one stops start-up; a URL is fetched on first use.
      new JwtAuthenticator(settings, Clock.systemUTC());
    } catch (IllegalArgumentException e) {
      throw InvalidSettingsException.forSetting("--jwt-jwks", String.valueOf(e.getMessage()));
    }
    return settings;
  }
}
