package dev.assay.analysis;

import dev.assay.runtime.redis.RedisSettings;
import dev.assay.runtime.security.SecuritySettings;
import dev.assay.runtime.server.ServerLimits;
import dev.assay.runtime.server.ServerTlsSettings;
import java.time.Duration;
import java.util.Optional;

/**
 * The analysis service's settings, parsed once at start-up by {@link AnalysisCommand}. The
 * statistics keep no state; Redis, when set, holds the experiment loop's state (exposures,
 * outcomes, aggregates, export streams) and the tokens and audit trail shared with the other
 * services.
 *
 * @param port the gRPC port ({@code --analysis-port}); 0 picks a free port
 * @param outcomeIdRetention how long outcome ids are remembered ({@code --outcome-id-retention})
 * @param exportMaxEvents events each export log keeps ({@code --export-max-events})
 * @param shutdownGrace how long in-flight calls may finish after SIGTERM ({@code --shutdown-grace})
 * @param serverLimits connection and call caps (the shared server flags, {@code --max-*})
 * @param redis where the loop's state, tokens and the audit trail live; no URL means in memory
 * @param security how callers are authenticated
 * @param tls the server's TLS files ({@code --tls-*}); empty for plaintext
 * @param monitor where experiment definitions come from and how often the monitor runs
 */
record AnalysisSettings(
    int port,
    Duration outcomeIdRetention,
    int exportMaxEvents,
    Duration shutdownGrace,
    ServerLimits serverLimits,
    RedisSettings redis,
    SecuritySettings security,
    Optional<ServerTlsSettings> tls,
    MonitorSettings monitor) {
  /**
   * With the default loop settings and server limits, no Redis, authentication off, in plaintext.
   */
  AnalysisSettings(int port, Duration shutdownGrace) {
    this(
        port,
        Duration.ofDays(30),
        1_000_000,
        shutdownGrace,
        ServerLimits.DEFAULTS,
        new RedisSettings(null, "assay", Duration.ofSeconds(2)),
        SecuritySettings.OFF,
        Optional.empty(),
        MonitorSettings.DEFAULTS);
  }
}
