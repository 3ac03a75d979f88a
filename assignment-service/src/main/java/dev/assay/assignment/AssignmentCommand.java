package dev.assay.assignment;

import dev.assay.assignment.seeding.DefinitionsFile;
import dev.assay.assignment.seeding.InvalidDefinitionsException;
import dev.assay.runtime.config.InvalidSettingsException;
import dev.assay.runtime.config.RedisOptions;
import dev.assay.runtime.config.SecurityOptions;
import dev.assay.runtime.config.ServerOptions;
import dev.assay.runtime.config.SettingRules;
import dev.assay.runtime.config.SettingsCommand;
import dev.assay.runtime.config.TlsOptions;
import java.nio.file.Path;
import java.time.Duration;
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
        tls.toSettings());
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
