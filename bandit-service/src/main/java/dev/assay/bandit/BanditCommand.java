package dev.assay.bandit;

import dev.assay.bandit.decisionkeys.DecisionKeysFile;
import dev.assay.bandit.decisionkeys.InvalidKeysFileException;
import dev.assay.bandit.definition.DefinitionRules;
import dev.assay.runtime.config.InvalidSettingsException;
import dev.assay.runtime.config.RedisOptions;
import dev.assay.runtime.config.SecurityOptions;
import dev.assay.runtime.config.ServerOptions;
import dev.assay.runtime.config.SettingRules;
import dev.assay.runtime.config.SettingsCommand;
import dev.assay.runtime.config.TlsOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The bandit service's command line: every setting, its default and its allowed range. */
@Command(
    name = "bandit",
    mixinStandardHelpOptions = true,
    description = "Assay bandit service: arm selection, rewards and off-policy evaluation.")
final class BanditCommand implements SettingsCommand<BanditSettings> {
  /** Most Monte Carlo draws per snapshot and arm: each costs one posterior draw. */
  static final int MAX_PROPENSITY_SAMPLES = 1_000_000;

  /** Most decision-log entries per bandit: the log is one Redis list. */
  static final int MAX_DECISION_LOG_CAPACITY = 10_000_000;

  @Option(
      names = "--bandit-port",
      paramLabel = "PORT",
      defaultValue = "50052",
      description = "gRPC port (0 picks a free one). Default: ${DEFAULT-VALUE}.")
  int port = 50052;

  @Option(
      names = "--snapshot-refresh-interval",
      paramLabel = "DURATION",
      defaultValue = "100ms",
      description =
          "How often each replica reloads its selection snapshot from the store, 1 ms to 1 min."
              + " Default: ${DEFAULT-VALUE}.")
  Duration snapshotRefreshInterval = Duration.ofMillis(100);

  @Option(
      names = "--decision-ttl",
      paramLabel = "DURATION",
      defaultValue = "24h",
      description =
          "How long decisions take rewards, for bandits created without decision_ttl; 1 s to 30"
              + " days. Default: ${DEFAULT-VALUE}.")
  Duration decisionTtl = Duration.ofHours(24);

  @Option(
      names = "--decision-log-capacity",
      paramLabel = "ENTRIES",
      defaultValue = "100000",
      description =
          "Rewarded decisions kept per bandit for off-policy evaluation, 1 to "
              + MAX_DECISION_LOG_CAPACITY
              + ". Default: ${DEFAULT-VALUE}.")
  int decisionLogCapacity = 100_000;

  @Option(
      names = "--propensity-samples",
      paramLabel = "DRAWS",
      defaultValue = "10000",
      description =
          "Monte Carlo draws behind Thompson propensities, 100 to "
              + MAX_PROPENSITY_SAMPLES
              + ". Default: ${DEFAULT-VALUE}.")
  int propensitySamples = 10_000;

  @Option(
      names = "--decision-keys-file",
      paramLabel = "PATH",
      description =
          "JSON file of the HMAC keys that sign decision ids ({\"keys\":[{\"id\",\"secret\","
              + "\"activate_at\"}]}), re-read when it changes. Default: none (a generated key,"
              + " shared through Redis when --redis-url is set; not for production).")
  @Nullable Path decisionKeysFile;

  @Mixin RedisOptions redis = new RedisOptions();
  @Mixin ServerOptions server = new ServerOptions();
  @Mixin SecurityOptions security = new SecurityOptions();
  @Mixin TlsOptions tls = new TlsOptions();

  @Override
  public BanditSettings toSettings() {
    return new BanditSettings(
        SettingRules.port("--bandit-port", port),
        redis.toSettings(),
        SettingRules.durationInRange(
            "--snapshot-refresh-interval",
            snapshotRefreshInterval,
            Duration.ofMillis(1),
            Duration.ofMinutes(1)),
        SettingRules.durationInRange(
            "--decision-ttl",
            decisionTtl,
            DefinitionRules.MIN_DECISION_TTL,
            DefinitionRules.MAX_DECISION_TTL),
        SettingRules.intInRange(
            "--decision-log-capacity", decisionLogCapacity, 1, MAX_DECISION_LOG_CAPACITY),
        SettingRules.intInRange(
            "--propensity-samples", propensitySamples, 100, MAX_PROPENSITY_SAMPLES),
        server.shutdownGrace(),
        server.limits(),
        decisionKeys(),
        security.toSettings(),
        tls.toSettings());
  }

  /** The keys file, read and checked now, so that a bad one stops start-up at once. */
  private Optional<Path> decisionKeys() {
    if (decisionKeysFile == null) {
      return Optional.empty();
    }
    try {
      DecisionKeysFile.read(decisionKeysFile);
    } catch (InvalidKeysFileException e) {
      throw InvalidSettingsException.forSetting(
          "--decision-keys-file", String.valueOf(e.getMessage()));
    }
    return Optional.of(decisionKeysFile);
  }
}
