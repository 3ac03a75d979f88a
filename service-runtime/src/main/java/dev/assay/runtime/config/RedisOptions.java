package dev.assay.runtime.config;

import dev.assay.runtime.redis.RedisSettings;
import dev.assay.runtime.redis.RedisTls;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/** The Redis settings every stateful service shares (a picocli mixin). */
public final class RedisOptions {
  @Option(
      names = "--redis-url",
      paramLabel = "URL",
      description =
          "redis://[:password@]host:port[/db] (rediss:// for TLS),"
              + " redis-sentinel://host:port[,host:port]#primary, or"
              + " redis-cluster://host:port[,host:port] (rediss-cluster:// for TLS). Unset:"
              + " in-memory store, not shared, lost on exit.")
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

  @Option(
      names = "--redis-reconnect-max",
      paramLabel = "DURATION",
      defaultValue = "1s",
      description =
          "Longest wait between reconnect attempts (exponential backoff, 10ms-60s)."
              + " Default: ${DEFAULT-VALUE}.")
  Duration reconnectMax = RedisSettings.DEFAULT_RECONNECT_MAX;

  @Option(
      names = "--redis-wait-replicas",
      paramLabel = "N",
      defaultValue = "0",
      description =
          "Replicas that must confirm each write (Redis WAIT) before it is acknowledged, so it"
              + " survives a failover; 0-16, 0 = do not wait. Default: ${DEFAULT-VALUE}.")
  int waitReplicas;

  @Option(
      names = "--redis-wait-timeout",
      paramLabel = "DURATION",
      defaultValue = "1s",
      description =
          "How long a write waits for --redis-wait-replicas before it fails UNAVAILABLE (1ms-60s)."
              + " Default: ${DEFAULT-VALUE}.")
  Duration waitTimeout = Duration.ofSeconds(1);

  @Option(
      names = "--redis-tls-ca-file",
      paramLabel = "FILE",
      description =
          "CA certificates (PEM) trusted for a rediss:// URL instead of the JVM's. Unset: the JVM's.")
  @Nullable Path tlsCaFile;

  @Option(
      names = "--redis-tls-cert-file",
      paramLabel = "FILE",
      description =
          "Client certificate (PEM) for a Redis with tls-auth-clients; with --redis-tls-key-file.")
  @Nullable Path tlsCertFile;

  @Option(
      names = "--redis-tls-key-file",
      paramLabel = "FILE",
      description = "Private key of --redis-tls-cert-file: unencrypted PKCS#8 PEM, RSA or EC.")
  @Nullable Path tlsKeyFile;

  /** The checked settings. */
  public RedisSettings toSettings() {
    SettingRules.positive("--redis-timeout", timeout);
    if (keyPrefix.isBlank() || keyPrefix.length() > 64 || !keyPrefix.matches("[A-Za-z0-9_.:-]+")) {
      throw InvalidSettingsException.forSetting(
          "--redis-key-prefix",
          "must be 1-64 characters of [A-Za-z0-9_.:-], got '" + keyPrefix + "'");
    }
    SettingRules.durationInRange(
        "--redis-reconnect-max", reconnectMax, Duration.ofMillis(10), Duration.ofSeconds(60));
    SettingRules.intInRange("--redis-wait-replicas", waitReplicas, 0, 16);
    SettingRules.durationInRange(
        "--redis-wait-timeout", waitTimeout, Duration.ofMillis(1), Duration.ofSeconds(60));
    RedisTls tls =
        new RedisTls(
            Optional.ofNullable(tlsCaFile),
            Optional.ofNullable(tlsCertFile),
            Optional.ofNullable(tlsKeyFile));
    RedisSettings settings =
        new RedisSettings(url, keyPrefix, timeout, reconnectMax, waitReplicas, waitTimeout, tls);
    settings.validateUrl();
    return settings;
  }
}
