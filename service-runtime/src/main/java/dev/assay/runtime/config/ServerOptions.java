package dev.assay.runtime.config;

import java.time.Duration;
import picocli.CommandLine.Option;

/** The server settings every service shares (a picocli mixin); the port is each service's own. */
public final class ServerOptions {
  @Option(
      names = "--shutdown-grace",
      paramLabel = "DURATION",
      defaultValue = "20s",
      description = "How long in-flight calls may finish after SIGTERM. Default: ${DEFAULT-VALUE}.")
  Duration shutdownGrace = Duration.ofSeconds(20);

  /** The checked grace period (zero stops at once). */
  public Duration shutdownGrace() {
    return shutdownGrace;
  }
}
