package dev.assay.runtime.config;

import dev.assay.runtime.server.ServerLimits;
import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * The server settings every service shares (a picocli mixin): the shutdown grace and the {@link
 * ServerLimits}. The port is each service's own.
 */
public final class ServerOptions {
  /** Most calls one connection may open at once, as a setting allows. */
  static final int MAX_CALLS_PER_CONNECTION = 100_000;

  /** Largest request message a setting allows: 64 MiB. */
  static final int MAX_MESSAGE_BYTES = 64 * 1024 * 1024;

  /** Most messages per client stream a setting allows. */
  static final int MAX_STREAM_MESSAGES = 1_000_000_000;

  @Option(
      names = "--shutdown-grace",
      paramLabel = "DURATION",
      defaultValue = "20s",
      description = "How long in-flight calls may finish after SIGTERM. Default: ${DEFAULT-VALUE}.")
  Duration shutdownGrace = Duration.ofSeconds(20);

  @Option(
      names = "--max-concurrent-calls-per-connection",
      paramLabel = "CALLS",
      defaultValue = "200",
      description =
          "Calls one connection may have open at once (HTTP/2 MAX_CONCURRENT_STREAMS), 1 to "
              + MAX_CALLS_PER_CONNECTION
              + ". Default: ${DEFAULT-VALUE}.")
  int maxConcurrentCallsPerConnection = 200;

  @Option(
      names = "--keepalive-time",
      paramLabel = "DURATION",
      defaultValue = "1m",
      description =
          "Quiet time after which the server pings a client, 10 s to 24 h. Default:"
              + " ${DEFAULT-VALUE}.")
  Duration keepAliveTime = Duration.ofMinutes(1);

  @Option(
      names = "--keepalive-timeout",
      paramLabel = "DURATION",
      defaultValue = "20s",
      description =
          "How long a ping may go unanswered before the connection is closed, 1 s to 10 min."
              + " Default: ${DEFAULT-VALUE}.")
  Duration keepAliveTimeout = Duration.ofSeconds(20);

  @Option(
      names = "--permit-keepalive-time",
      paramLabel = "DURATION",
      defaultValue = "20s",
      description =
          "The most often a client may ping (more often: GOAWAY too_many_pings), 1 s to 24 h."
              + " Default: ${DEFAULT-VALUE}.")
  Duration permitKeepAliveTime = Duration.ofSeconds(20);

  @Option(
      names = "--max-connection-idle",
      paramLabel = "DURATION",
      defaultValue = "15m",
      description =
          "How long a connection without calls stays open, 1 s to 7 days. Default:"
              + " ${DEFAULT-VALUE}.")
  Duration maxConnectionIdle = Duration.ofMinutes(15);

  @Option(
      names = "--max-connection-age",
      paramLabel = "DURATION",
      defaultValue = "30m",
      description =
          "How long a connection lives before the client is asked to reconnect, 10 s to 7 days."
              + " Default: ${DEFAULT-VALUE}.")
  Duration maxConnectionAge = Duration.ofMinutes(30);

  @Option(
      names = "--max-connection-age-grace",
      paramLabel = "DURATION",
      defaultValue = "10m",
      description =
          "How long calls may finish once a connection reached its age, 1 s to 24 h. Default:"
              + " ${DEFAULT-VALUE}.")
  Duration maxConnectionAgeGrace = Duration.ofMinutes(10);

  @Option(
      names = "--max-inbound-metadata-bytes",
      paramLabel = "BYTES",
      defaultValue = "8192",
      description =
          "Largest request metadata (headers), 1024 to 1048576 bytes. Default: ${DEFAULT-VALUE}.")
  int maxInboundMetadataBytes = 8192;

  @Option(
      names = "--handshake-timeout",
      paramLabel = "DURATION",
      defaultValue = "20s",
      description =
          "How long a new connection may take to start HTTP/2, 1 s to 5 min. Default:"
              + " ${DEFAULT-VALUE}.")
  Duration handshakeTimeout = Duration.ofSeconds(20);

  @Option(
      names = "--max-call-duration",
      paramLabel = "DURATION",
      defaultValue = "10m",
      description =
          "How long any call (a client stream included) may stay open before the server ends it"
              + " with DEADLINE_EXCEEDED, 1 s to 24 h. Default: ${DEFAULT-VALUE}.")
  Duration maxCallDuration = Duration.ofMinutes(10);

  @Option(
      names = "--max-inbound-message-bytes",
      paramLabel = "BYTES",
      defaultValue = "4194304",
      description =
          "Largest request message (larger: RESOURCE_EXHAUSTED), 1024 to "
              + MAX_MESSAGE_BYTES
              + " bytes. Default: ${DEFAULT-VALUE} (4 MiB).")
  int maxInboundMessageBytes = 4 * 1024 * 1024;

  @Option(
      names = "--max-stream-messages",
      paramLabel = "MESSAGES",
      defaultValue = "10000000",
      description =
          "Most request messages one client stream may send (more: RESOURCE_EXHAUSTED), 1 to "
              + MAX_STREAM_MESSAGES
              + ". Default: ${DEFAULT-VALUE}.")
  int maxStreamMessages = 10_000_000;

  /** The checked grace period (zero stops at once). */
  public Duration shutdownGrace() {
    return shutdownGrace;
  }

  /**
   * The checked server limits.
   *
   * @throws InvalidSettingsException naming the first setting out of range
   */
  public ServerLimits limits() {
    return new ServerLimits(
        SettingRules.intInRange(
            "--max-concurrent-calls-per-connection",
            maxConcurrentCallsPerConnection,
            1,
            MAX_CALLS_PER_CONNECTION),
        SettingRules.durationInRange(
            "--keepalive-time", keepAliveTime, Duration.ofSeconds(10), Duration.ofHours(24)),
        SettingRules.durationInRange(
            "--keepalive-timeout", keepAliveTimeout, Duration.ofSeconds(1), Duration.ofMinutes(10)),
        SettingRules.durationInRange(
            "--permit-keepalive-time",
            permitKeepAliveTime,
            Duration.ofSeconds(1),
            Duration.ofHours(24)),
        SettingRules.durationInRange(
            "--max-connection-idle", maxConnectionIdle, Duration.ofSeconds(1), Duration.ofDays(7)),
        SettingRules.durationInRange(
            "--max-connection-age", maxConnectionAge, Duration.ofSeconds(10), Duration.ofDays(7)),
        SettingRules.durationInRange(
            "--max-connection-age-grace",
            maxConnectionAgeGrace,
            Duration.ofSeconds(1),
            Duration.ofHours(24)),
        SettingRules.intInRange(
            "--max-inbound-metadata-bytes", maxInboundMetadataBytes, 1024, 1024 * 1024),
        SettingRules.durationInRange(
            "--handshake-timeout", handshakeTimeout, Duration.ofSeconds(1), Duration.ofMinutes(5)),
        SettingRules.durationInRange(
            "--max-call-duration", maxCallDuration, Duration.ofSeconds(1), Duration.ofHours(24)),
        SettingRules.intInRange(
            "--max-inbound-message-bytes", maxInboundMessageBytes, 1024, MAX_MESSAGE_BYTES),
        SettingRules.intInRange(
            "--max-stream-messages", maxStreamMessages, 1, MAX_STREAM_MESSAGES));
  }
}
