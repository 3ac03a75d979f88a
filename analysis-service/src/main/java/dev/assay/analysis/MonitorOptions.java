package dev.assay.analysis;

import dev.assay.analysis.monitor.Monitor;
import dev.assay.runtime.client.PeerSettings;
import dev.assay.runtime.config.InvalidSettingsException;
import dev.assay.runtime.config.SettingRules;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/** The analysis service's flags for reaching the assignment service and running the monitor. */
final class MonitorOptions {
  /** Where the assignment service listens by default. */
  static final String DEFAULT_ASSIGNMENT_TARGET = "localhost:50051";

  /** Longest interval a setting allows. */
  static final Duration MAX_INTERVAL = Duration.ofDays(1);

  @Option(
      names = "--assignment-target",
      paramLabel = "HOST:PORT",
      defaultValue = DEFAULT_ASSIGNMENT_TARGET,
      description =
          "The assignment service, whose DefinitionService gives experiments' variations and"
              + " analysis plans and takes the monitor's stops (host:port or a gRPC target such as"
              + " dns:///assignment:50051). none: no plans, no monitor. Default: ${DEFAULT-VALUE}.")
  String assignmentTarget = DEFAULT_ASSIGNMENT_TARGET;

  @Option(
      names = "--assignment-token",
      paramLabel = "TOKEN",
      description =
          "Bearer token sent to the assignment service (scopes to read experiments and, for the"
              + " monitor, to update them). Secret: never logged. Unset: no token.")
  @Nullable String assignmentToken;

  @Option(
      names = "--assignment-ca-file",
      paramLabel = "FILE",
      description =
          "CA certificates, PEM, that the assignment service's certificate must chain to; turns"
              + " TLS on for that connection. Unset: plaintext.")
  @Nullable Path assignmentCaFile;

  @Option(
      names = "--monitor-interval",
      paramLabel = "DURATION",
      defaultValue = "1m",
      description =
          "How often the monitor evaluates every running experiment with a monitor policy, 1s to"
              + " 1d. Default: ${DEFAULT-VALUE}.")
  Duration monitorInterval = Duration.ofMinutes(1);

  /** The checked settings. */
  MonitorSettings toSettings() {
    Duration interval =
        SettingRules.durationInRange(
            "--monitor-interval", monitorInterval, Monitor.MIN_INTERVAL, MAX_INTERVAL);
    String target = assignmentTarget.trim();
    if (target.isEmpty()) {
      throw InvalidSettingsException.forSetting(
          "--assignment-target", "must be host:port, a gRPC target, or none");
    }
    if (target.equals("none")) {
      return new MonitorSettings(Optional.empty(), interval);
    }
    if (assignmentToken != null && assignmentToken.isBlank()) {
      throw InvalidSettingsException.forSetting("--assignment-token", "must not be blank");
    }
    if (assignmentCaFile != null && !Files.isReadable(assignmentCaFile)) {
      throw InvalidSettingsException.forSetting(
          "--assignment-ca-file", "cannot read " + assignmentCaFile);
    }
    return new MonitorSettings(
        Optional.of(
            new PeerSettings(
                target,
                Optional.ofNullable(assignmentToken),
                Optional.ofNullable(assignmentCaFile))),
        interval);
  }
}
