package dev.assay.runtime.redis;

import dev.assay.runtime.log.EventLog;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import java.time.Duration;

/**
 * Creates the one long-lived Lettuce {@link RedisClient} a service uses. While Redis is unreachable,
 * commands fail at once instead of queueing, so writes can answer {@code UNAVAILABLE} promptly and
 * reads never block on Redis; the client reconnects by itself when Redis returns.
 */
public final class RedisConnector {
  private RedisConnector() {}

  /** Connecting may take longer than a command (a busy node, a cold start): at least this long. */
  private static final Duration MIN_CONNECT_TIMEOUT = Duration.ofSeconds(10);

  /** A client for {@code redis://host:port[/db]} with a command timeout. */
  public static RedisClient connect(String url, Duration commandTimeout) {
    RedisURI uri = RedisURI.create(url);
    uri.setTimeout(commandTimeout);
    RedisClient client = RedisClient.create(uri);
    client.setOptions(
        ClientOptions.builder()
            .autoReconnect(true)
            .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
            .socketOptions(SocketOptions.builder()
                .connectTimeout(commandTimeout.compareTo(MIN_CONNECT_TIMEOUT) > 0 ? commandTimeout : MIN_CONNECT_TIMEOUT)
                .keepAlive(true)
                .build())
            .timeoutOptions(TimeoutOptions.enabled(commandTimeout))
            .build());
    EventLog.info("redis.client_created", "host", uri.getHost(), "port", uri.getPort(), "db", uri.getDatabase());
    return client;
  }
}
