package dev.assay.bandit;

import dev.assay.runtime.redis.RedisSettings;
import dev.assay.runtime.server.ServerLimits;
import dev.assay.runtime.server.ServerTlsSettings;
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
    Optional<ServerTlsSettings> tls) {

  /** With the default server limits, in plaintext (tests and benchmarks). */
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
        Optional.empty());
  }
}
