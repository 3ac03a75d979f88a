package dev.assay.analysis;

import dev.assay.runtime.config.RedisOptions;
import dev.assay.runtime.config.SecurityOptions;
import dev.assay.runtime.config.ServerOptions;
import dev.assay.runtime.config.SettingRules;
import dev.assay.runtime.config.SettingsCommand;
import dev.assay.runtime.config.TlsOptions;
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

  @Mixin ServerOptions server = new ServerOptions();
  // Analysis keeps no state of its own; Redis, when set, shares tokens and the audit trail with
  // the other services.
  @Mixin RedisOptions redis = new RedisOptions();
  @Mixin SecurityOptions security = new SecurityOptions();
  @Mixin TlsOptions tls = new TlsOptions();
  @Mixin MonitorOptions monitor = new MonitorOptions();

  @Override
  public AnalysisSettings toSettings() {
    return new AnalysisSettings(
        SettingRules.port("--analysis-port", port),
        server.shutdownGrace(),
        server.limits(),
        redis.toSettings(),
        security.toSettings(),
        tls.toSettings(),
        monitor.toSettings());
  }
}
