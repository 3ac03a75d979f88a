package dev.assay.console;

import dev.assay.runtime.client.PeerSettings;
import dev.assay.runtime.config.InvalidSettingsException;
import dev.assay.runtime.config.SettingRules;
import dev.assay.runtime.config.SettingsCommand;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The console's command line: each flag, its environment variable and its default. */
@Command(
    name = "console",
    mixinStandardHelpOptions = true,
    description = "The Assay web console: experiments, flags, bandits, planning and explain.")
final class ConsoleCommand implements SettingsCommand<ConsoleSettings> {
  /** The console's fixed default port. */
  static final int DEFAULT_PORT = 8080;

  static final int MAX_HISTORY_SAMPLES = 100_000;

  @Option(
      names = {"--console-port", "--port"},
      paramLabel = "PORT",
      defaultValue = "" + DEFAULT_PORT,
      description = "HTTP port of the UI (0 picks a free one). Default: ${DEFAULT-VALUE}.")
  int port = DEFAULT_PORT;

  @Option(
      names = "--assignment-target",
      paramLabel = "HOST:PORT",
      defaultValue = "localhost:50051",
      description = "The assignment service. Default: ${DEFAULT-VALUE}.")
  String assignmentTarget = "localhost:50051";

  @Option(
      names = "--bandit-target",
      paramLabel = "HOST:PORT",
      defaultValue = "localhost:50052",
      description = "The bandit service. Default: ${DEFAULT-VALUE}.")
  String banditTarget = "localhost:50052";

  @Option(
      names = "--analysis-target",
      paramLabel = "HOST:PORT",
      defaultValue = "localhost:50053",
      description = "The analysis service. Default: ${DEFAULT-VALUE}.")
  String analysisTarget = "localhost:50053";

  @Option(
      names = "--console-token",
      paramLabel = "TOKEN",
      description =
          "Bearer token for the console's reads, when the services have auth on (read scopes"
              + " only). Default: none.")
  @Nullable String token;

  @Option(
      names = "--ca-file",
      paramLabel = "FILE",
      description =
          "PEM bundle to trust: the console then speaks TLS to the services. Default: none.")
  @Nullable Path caFile;

  @Option(
      names = {"--console-actions", "--enable-actions"},
      paramLabel = "BOOLEAN",
      defaultValue = "false",
      arity = "0..1",
      fallbackValue = "true",
      description =
          "Let users stop experiments and set or delete overrides, with their own token. Default:"
              + " ${DEFAULT-VALUE}.")
  boolean actionsEnabled;

  @Option(
      names = "--console-rpc-timeout",
      paramLabel = "DURATION",
      defaultValue = "10s",
      description =
          "Deadline of each call to a service, 100 ms to 5 min. Default: ${DEFAULT-VALUE}.")
  Duration rpcTimeout = Duration.ofSeconds(10);

  @Option(
      names = "--console-cache-ttl",
      paramLabel = "DURATION",
      defaultValue = "2s",
      description = "How long a read answer is reused, 0 to 5 min. Default: ${DEFAULT-VALUE}.")
  Duration cacheTtl = Duration.ofSeconds(2);

  @Option(
      names = "--console-bandit-sample-interval",
      paramLabel = "DURATION",
      defaultValue = "1m",
      description =
          "How often bandits are sampled for the allocation history, 100 ms to 1 day. Default:"
              + " ${DEFAULT-VALUE}.")
  Duration banditSampleInterval = Duration.ofMinutes(1);

  @Option(
      names = "--console-bandit-history-samples",
      paramLabel = "COUNT",
      defaultValue = "10080",
      description =
          "Samples kept per bandit (in memory), 2 to "
              + MAX_HISTORY_SAMPLES
              + ". Default: ${DEFAULT-VALUE} (a week at one a minute).")
  int banditHistorySamples = 10_080;

  @Override
  public ConsoleSettings toSettings() {
    Optional<String> readToken = Optional.ofNullable(token).filter(t -> !t.isBlank());
    Optional<Path> ca = Optional.ofNullable(caFile);
    if (ca.isPresent() && !Files.isReadable(ca.get())) {
      throw InvalidSettingsException.forSetting("--ca-file", "cannot read " + ca.get());
    }
    return new ConsoleSettings(
        SettingRules.port("--console-port", port),
        new PeerSettings(target("--assignment-target", assignmentTarget), readToken, ca),
        new PeerSettings(target("--bandit-target", banditTarget), readToken, ca),
        new PeerSettings(target("--analysis-target", analysisTarget), readToken, ca),
        actionsEnabled,
        SettingRules.durationInRange(
            "--console-rpc-timeout", rpcTimeout, Duration.ofMillis(100), Duration.ofMinutes(5)),
        SettingRules.durationInRange(
            "--console-cache-ttl", cacheTtl, Duration.ZERO, Duration.ofMinutes(5)),
        SettingRules.durationInRange(
            "--console-bandit-sample-interval",
            banditSampleInterval,
            Duration.ofMillis(100),
            Duration.ofDays(1)),
        SettingRules.intInRange(
            "--console-bandit-history-samples", banditHistorySamples, 2, MAX_HISTORY_SAMPLES));
  }

  private static String target(String flag, String value) {
    if (value.isBlank() || value.chars().anyMatch(Character::isWhitespace)) {
      throw InvalidSettingsException.forSetting(
          flag, "must be host:port or a gRPC target URI, got \"" + value + "\"");
    }
    return value;
  }
}
