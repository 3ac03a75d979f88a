package dev.assay.analysis;

import dev.assay.runtime.config.RedisOptions;
import dev.assay.runtime.config.SecurityOptions;
import dev.assay.runtime.config.ServerOptions;
import dev.assay.runtime.config.SettingRules;
import dev.assay.runtime.config.SettingsCommand;
import dev.assay.runtime.config.TlsOptions;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The analysis service's command line: each flag, its environment variable and its default. */
@Command(
    name = "analysis",
    mixinStandardHelpOptions = true,
    description = "Stateless statistics for experiments over gRPC.")
final class AnalysisCommand implements SettingsCommand<AnalysisSettings> {
  /** The service's fixed default port. */
  static final int DEFAULT_PORT = 50053;

  @Option(
      names = "--analysis-port",
      paramLabel = "PORT",
      defaultValue = "" + DEFAULT_PORT,
      description = "gRPC port (0 picks a free one). Default: ${DEFAULT-VALUE}.")
  int port = DEFAULT_PORT;

  /** Outcome ids are remembered (replays deduplicated) for between these. */
  static final Duration MIN_ID_RETENTION = Duration.ofMinutes(1);

  static final Duration MAX_ID_RETENTION = Duration.ofDays(366);

  /** Most events each export log keeps. */
  static final int MAX_EXPORT_EVENTS = 100_000_000;

  @Option(
      names = "--outcome-id-retention",
      paramLabel = "DURATION",
      defaultValue = "30d",
      description =
          "How long outcome event ids are remembered, so a replay counts once; 1 min to 366 days."
              + " Default: ${DEFAULT-VALUE}.")
  Duration outcomeIdRetention = Duration.ofDays(30);

  @Option(
      names = "--export-max-events",
      paramLabel = "EVENTS",
      defaultValue = "1000000",
      description =
          "Exposures and outcome events each export log keeps (in memory: exactly; Redis streams:"
              + " about), 1 to "
              + MAX_EXPORT_EVENTS
              + ". Default: ${DEFAULT-VALUE}.")
  int exportMaxEvents = 1_000_000;

  @Mixin ServerOptions server = new ServerOptions();
  // Redis, when set, holds the experiment loop's state (shared by every replica) and the tokens and
  // audit trail shared with the other services.
  @Mixin RedisOptions redis = new RedisOptions();
  @Mixin SecurityOptions security = new SecurityOptions();
  @Mixin TlsOptions tls = new TlsOptions();
  @Mixin MonitorOptions monitor = new MonitorOptions();

  @Override
  public AnalysisSettings toSettings() {
    return new AnalysisSettings(
        SettingRules.port("--analysis-port", port),
        SettingRules.durationInRange(
            "--outcome-id-retention", outcomeIdRetention, MIN_ID_RETENTION, MAX_ID_RETENTION),
        SettingRules.intInRange("--export-max-events", exportMaxEvents, 1, MAX_EXPORT_EVENTS),
        server.shutdownGrace(),
        server.limits(),
        redis.toSettings(),
        security.toSettings(),
        tls.toSettings(),
        monitor.toSettings());
  }
}
