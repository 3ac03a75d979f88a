package dev.assay.runtime.config;

import dev.assay.runtime.security.SecuritySettings;
import dev.assay.runtime.security.TokensFile;
import java.io.IOException;
import java.nio.file.Path;
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
    return new SecuritySettings(required, tokensFile);
  }
}
