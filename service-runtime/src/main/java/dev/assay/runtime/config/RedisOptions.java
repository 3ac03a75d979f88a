package dev.assay.runtime.config;

import dev.assay.runtime.redis.RedisSettings;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/** The Redis settings every stateful service shares (a picocli mixin). */
public final class RedisOptions {
  @Option(
      names = "--redis-url",
      paramLabel = "URL",
      description =
          "redis://[:password@]host:port[/db] (rediss:// for TLS). Unset: in-memory store, not"
              + " shared, lost on exit.")
  @Nullable String url;

  @Option(
      names = "--redis-key-prefix",
      paramLabel = "PREFIX",
      defaultValue = "assay",
      description = "Prefix of every Redis key. Default: ${DEFAULT-VALUE}.")
  String keyPrefix = "assay";

  @Option(
      names = "--redis-timeout",
      paramLabel = "DURATION",
      defaultValue = "2s",
      description = "Redis command timeout. Default: ${DEFAULT-VALUE}.")
  Duration timeout = Duration.ofSeconds(2);

  /** The checked settings. */
  public RedisSettings toSettings() {
    SettingRules.positive("--redis-timeout", timeout);
    if (keyPrefix.isBlank() || keyPrefix.length() > 64 || !keyPrefix.matches("[A-Za-z0-9_.:-]+")) {
      throw InvalidSettingsException.forSetting(
          "--redis-key-prefix",
          "must be 1-64 characters of [A-Za-z0-9_.:-], got '" + keyPrefix + "'");
    }
    RedisSettings settings = new RedisSettings(url, keyPrefix, timeout);
    settings.validateUrl();
    return settings;
  }
}
