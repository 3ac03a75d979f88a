package dev.assay.runtime.server;

import java.time.Duration;

/**
 * The caps every Assay server applies to its connections and calls, so that no client can hold a
 * server's resources indefinitely. Set through the shared server flags ({@code
 * config.ServerOptions}); {@link #DEFAULTS} suits a service behind a load balancer or called
 * directly by backends.
 *
 * @param maxConcurrentCallsPerConnection calls one connection may have open at once (HTTP/2 {@code
 *     MAX_CONCURRENT_STREAMS}); a well-behaved client queues the rest
 * @param keepAliveTime how long a connection may be quiet before the server pings the client
 * @param keepAliveTimeout how long the server waits for the ping's answer before closing
 * @param permitKeepAliveTime the most often a client may ping; a client pinging more often is
 *     disconnected ({@code GOAWAY too_many_pings})
 * @param maxConnectionIdle how long a connection without calls stays open
 * @param maxConnectionAge how long any connection lives before the server asks the client to
 *     reconnect (spreads load over new replicas)
 * @param maxConnectionAgeGrace how long calls in flight may finish after that request
 * @param maxInboundMetadataBytes largest request metadata (headers) accepted
 * @param handshakeTimeout how long a new connection may take to begin speaking HTTP/2
 * @param maxCallDuration how long any call may stay open, after which the server ends it with
 *     {@code DEADLINE_EXCEEDED}
 * @param maxInboundMessageBytes largest request message accepted; a larger one fails with {@code
 *     RESOURCE_EXHAUSTED} before the service sees it
 * @param maxStreamMessages most request messages one client stream (client-streaming or
 *     bidirectional call) may send; the one after them ends the call with {@code
 *     RESOURCE_EXHAUSTED}
 */
public record ServerLimits(
    int maxConcurrentCallsPerConnection,
    Duration keepAliveTime,
    Duration keepAliveTimeout,
    Duration permitKeepAliveTime,
    Duration maxConnectionIdle,
    Duration maxConnectionAge,
    Duration maxConnectionAgeGrace,
    int maxInboundMetadataBytes,
    Duration handshakeTimeout,
    Duration maxCallDuration,
    int maxInboundMessageBytes,
    int maxStreamMessages) {

  /** The defaults of the shared server flags. */
  public static final ServerLimits DEFAULTS =
      new ServerLimits(
          200,
          Duration.ofMinutes(1),
          Duration.ofSeconds(20),
          Duration.ofSeconds(20),
          Duration.ofMinutes(15),
          Duration.ofMinutes(30),
          Duration.ofMinutes(10),
          8 * 1024,
          Duration.ofSeconds(20),
          Duration.ofMinutes(10),
          4 * 1024 * 1024,
          10_000_000);

  /** Checks what the transport cannot accept; ranges are the settings' ({@code SettingRules}). */
  public ServerLimits {
    if (maxConcurrentCallsPerConnection < 1
        || maxInboundMetadataBytes < 1
        || maxInboundMessageBytes < 1
        || maxStreamMessages < 1) {
      throw new IllegalArgumentException("limits must be positive: " + this);
    }
    for (Duration d :
        new Duration[] {
          keepAliveTime,
          keepAliveTimeout,
          permitKeepAliveTime,
          maxConnectionIdle,
          maxConnectionAge,
          maxConnectionAgeGrace,
          handshakeTimeout,
          maxCallDuration
        }) {
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException("durations must be positive: " + d);
      }
    }
  }

  /** The same limits with another maximum call duration (tests use a short one). */
  public ServerLimits withMaxCallDuration(Duration duration) {
    return new ServerLimits(
        maxConcurrentCallsPerConnection,
        keepAliveTime,
        keepAliveTimeout,
        permitKeepAliveTime,
        maxConnectionIdle,
        maxConnectionAge,
        maxConnectionAgeGrace,
        maxInboundMetadataBytes,
        handshakeTimeout,
        duration,
        maxInboundMessageBytes,
        maxStreamMessages);
  }

  /** The same limits with another largest request message. */
  public ServerLimits withMaxInboundMessageBytes(int bytes) {
    return new ServerLimits(
        maxConcurrentCallsPerConnection,
        keepAliveTime,
        keepAliveTimeout,
        permitKeepAliveTime,
        maxConnectionIdle,
        maxConnectionAge,
        maxConnectionAgeGrace,
        maxInboundMetadataBytes,
        handshakeTimeout,
        maxCallDuration,
        bytes,
        maxStreamMessages);
  }

  /** The same limits with another cap on the messages of one client stream. */
  public ServerLimits withMaxStreamMessages(int messages) {
    return new ServerLimits(
        maxConcurrentCallsPerConnection,
        keepAliveTime,
        keepAliveTimeout,
        permitKeepAliveTime,
        maxConnectionIdle,
        maxConnectionAge,
        maxConnectionAgeGrace,
        maxInboundMetadataBytes,
        handshakeTimeout,
        maxCallDuration,
        maxInboundMessageBytes,
        messages);
  }
}
