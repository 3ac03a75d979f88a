package dev.assay.bandit;

import dev.assay.runtime.redis.RedisSettings;
import dev.assay.runtime.security.SecuritySettings;
import dev.assay.runtime.server.ServerLimits;
import dev.assay.runtime.server.ServerTlsSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Everything the bandit service is configured with, parsed once at start-up ({@link BanditCommand}:
 * flag, else {@code ASSAY_*} environment variable, else default).
 *
 * @param port the gRPC port ({@code --bandit-port}, 50052)
 * @param redis the shared store, or none for the in-memory store ({@code --redis-*})
 * @param snapshotRefreshInterval how often a replica reloads its selection snapshot ({@code
 *     --snapshot-refresh-interval}, 100 ms)
 * @param defaultDecisionTtl how long decisions take rewards on bandits created without a TTL
 *     ({@code --decision-ttl}, 24 h)
 * @param decisionLogCapacity rewarded decisions kept per bandit for off-policy evaluation ({@code
 *     --decision-log-capacity}, 100,000)
 * @param propensitySamples Monte Carlo draws behind Thompson propensities ({@code
 *     --propensity-samples}, 10,000)
 * @param shutdownGrace how long in-flight calls may finish on stop ({@code --shutdown-grace}, 20 s)
 * @param serverLimits connection and call caps (the shared server flags, {@code --max-*})
 * @param decisionKeysFile the keys that sign decision ids ({@code --decision-keys-file}), checked
 *     when parsed; empty for a generated key (shared through Redis when configured)
 * @param security how callers are authenticated ({@code --auth}, {@code --tokens-file}; off)
 * @param tls the server's TLS files ({@code --tls-*}); empty for plaintext
 */
public record BanditSettings(
    int port,
    RedisSettings redis,
    Duration snapshotRefreshInterval,
    Duration defaultDecisionTtl,
    int decisionLogCapacity,
    int propensitySamples,
    Duration shutdownGrace,
    ServerLimits serverLimits,
    Optional<Path> decisionKeysFile,
    SecuritySettings security,
    Optional<ServerTlsSettings> tls) {

  /**
   * With the default server limits, a generated decision key, authentication off and plaintext
   * (tests and benchmarks).
   */
  public BanditSettings(
      int port,
      RedisSettings redis,
      Duration snapshotRefreshInterval,
      Duration defaultDecisionTtl,
      int decisionLogCapacity,
      int propensitySamples,
      Duration shutdownGrace) {
    this(
        port,
        redis,
        snapshotRefreshInterval,
        defaultDecisionTtl,
        decisionLogCapacity,
        propensitySamples,
        shutdownGrace,
        ServerLimits.DEFAULTS,
        Optional.empty(),
        SecuritySettings.OFF,
        Optional.empty());
  }

  /** A copy signing decision ids with the keys in {@code file}. */
  public BanditSettings withDecisionKeysFile(Path file) {
    return new BanditSettings(
        port,
        redis,
        snapshotRefreshInterval,
        defaultDecisionTtl,
        decisionLogCapacity,
        propensitySamples,
        shutdownGrace,
        serverLimits,
        Optional.of(file),
        security,
        tls);
  }
}
