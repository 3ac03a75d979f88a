package dev.assay.assignment;

import dev.assay.assignment.exposures.ExposureSettings;
import dev.assay.assignment.seeding.DefinitionsFile;
import dev.assay.assignment.seeding.InvalidDefinitionsException;
import dev.assay.runtime.client.PeerSettings;
import dev.assay.runtime.config.InvalidSettingsException;
import dev.assay.runtime.config.RedisOptions;
import dev.assay.runtime.config.SecurityOptions;
import dev.assay.runtime.config.ServerOptions;
import dev.assay.runtime.config.SettingRules;
import dev.assay.runtime.config.SettingsCommand;
import dev.assay.runtime.config.TlsOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The assignment service's command line: each flag can also be set through its {@code ASSAY_*}
 * environment variable, and {@code --help} lists them all.
 */
@Command(
    name = "assignment",
    mixinStandardHelpOptions = true,
    description = "Assay assignment service: experiments, feature flags and overrides over gRPC.")
final class AssignmentCommand implements SettingsCommand<AssignmentSettings> {
  /** The fixed default port. */
  static final int DEFAULT_PORT = 50051;

  /** The analysis service on its fixed default port, as {@code deploy/local/run.sh} starts it. */
  static final String DEFAULT_ANALYSIS_TARGET = "localhost:50053";

  /** The {@code --analysis-target} that turns exposure recording off. */
  static final String NO_ANALYSIS = "none";

  @Option(
      names = "--assignment-port",
      paramLabel = "PORT",
      defaultValue = "" + DEFAULT_PORT,
      description = "gRPC port (0 picks a free one). Default: ${DEFAULT-VALUE}.")
  int port = DEFAULT_PORT;

  @Option(
      names = "--resync-interval",
      paramLabel = "DURATION",
      defaultValue = "30s",
      description =
          "How often every definition and override is reloaded from the store, so that a missed"
              + " change heals. Default: ${DEFAULT-VALUE}.")
  Duration resyncInterval = Duration.ofSeconds(30);

  @Option(
      names = "--definitions-file",
      paramLabel = "FILE",
      description =
          "YAML (or .json) file of experiments and flags created at start if their keys do not"
              + " exist yet (top-level keys: experiments, flags). Unset: none.")
  @Nullable Path definitionsFile;

  @Option(
      names = "--analysis-target",
      paramLabel = "HOST:PORT|none",
      defaultValue = DEFAULT_ANALYSIS_TARGET,
      description =
          "The analysis service exposures are sent to (host:port or a gRPC target such as"
              + " dns:///analysis:50053); none records no exposure. Default: ${DEFAULT-VALUE}.")
  String analysisTarget = DEFAULT_ANALYSIS_TARGET;

  @Option(
      names = "--analysis-token",
      paramLabel = "TOKEN",
      description =
          "Bearer token sent to the analysis service (needs the exposures:write scope when it"
              + " checks tokens). Never logged. Unset: none.")
  @Nullable String analysisToken;

  @Option(
      names = "--analysis-ca-file",
      paramLabel = "FILE",
      description =
          "CA certificates (PEM) trusted for the analysis service: calls to it use TLS. Unset:"
              + " plaintext.")
  @Nullable Path analysisCaFile;

  @Option(
      names = "--exposure-buffer-size",
      paramLabel = "N",
      defaultValue = "" + ExposureSettings.DEFAULT_BUFFER_SIZE,
      description =
          "Exposures held while waiting to be sent, 1-10,000,000; beyond it new ones are dropped"
              + " and counted. Default: ${DEFAULT-VALUE}.")
  int exposureBufferSize = ExposureSettings.DEFAULT_BUFFER_SIZE;

  @Option(
      names = "--exposure-batch-size",
      paramLabel = "N",
      defaultValue = "" + ExposureSettings.DEFAULT_BATCH_SIZE,
      description =
          "Most exposures per call to the analysis service, 1-10,000. Default: ${DEFAULT-VALUE}.")
  int exposureBatchSize = ExposureSettings.DEFAULT_BATCH_SIZE;

  @Option(
      names = "--exposure-flush-interval",
      paramLabel = "DURATION",
      defaultValue = "200ms",
      description =
          "Longest wait for a batch of exposures to fill before it is sent, 1 ms to 1 min."
              + " Default: ${DEFAULT-VALUE}.")
  Duration exposureFlushInterval = ExposureSettings.DEFAULT_FLUSH_INTERVAL;

  @Mixin RedisOptions redis = new RedisOptions();
  @Mixin ServerOptions server = new ServerOptions();
  @Mixin SecurityOptions security = new SecurityOptions();
  @Mixin TlsOptions tls = new TlsOptions();

  @Override
  public AssignmentSettings toSettings() {
    return new AssignmentSettings(
        SettingRules.port("--assignment-port", port),
        redis.toSettings(),
        SettingRules.positive("--resync-interval", resyncInterval),
        definitions(),
        server.shutdownGrace(),
        server.limits(),
        security.toSettings(),
        tls.toSettings(),
        exposures());
  }

  /** Where exposures go, or empty when {@code --analysis-target=none}. */
  private Optional<ExposureSettings> exposures() {
    String target = analysisTarget.trim();
    if (target.isEmpty()) {
      throw InvalidSettingsException.forSetting(
          "--analysis-target", "must be host:port, a gRPC target or none, got ''");
    }
    if (target.equalsIgnoreCase(NO_ANALYSIS)) {
      return Optional.empty();
    }
    Optional<String> token = Optional.ofNullable(analysisToken).map(String::trim);
    if (token.isPresent() && token.get().isEmpty()) {
      token = Optional.empty();
    }
    if (analysisCaFile != null && !Files.isReadable(analysisCaFile)) {
      throw InvalidSettingsException.forSetting(
          "--analysis-ca-file", analysisCaFile + ": cannot be read");
    }
    return Optional.of(
        new ExposureSettings(
            new PeerSettings(target, token, Optional.ofNullable(analysisCaFile)),
            SettingRules.intInRange("--exposure-buffer-size", exposureBufferSize, 1, 10_000_000),
            SettingRules.intInRange(
                "--exposure-batch-size", exposureBatchSize, 1, ExposureSettings.MAX_BATCH_SIZE),
            SettingRules.durationInRange(
                "--exposure-flush-interval",
                exposureFlushInterval,
                Duration.ofMillis(1),
                Duration.ofMinutes(1))));
  }

  /** The definitions file, read and checked now, so that a bad one stops start-up at once. */
  private DefinitionsFile definitions() {
    if (definitionsFile == null) {
      return DefinitionsFile.none();
    }
    try {
      return DefinitionsFile.read(definitionsFile);
    } catch (InvalidDefinitionsException e) {
      throw InvalidSettingsException.forSetting("--definitions-file", e.getMessage());
    }
  }
}
