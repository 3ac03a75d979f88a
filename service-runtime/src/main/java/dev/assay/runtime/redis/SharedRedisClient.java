package dev.assay.runtime.redis;

import dev.assay.runtime.log.EventLog;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The one long-lived Lettuce client of a process and the thread pools ({@link ClientResources})
 * under it. Created in {@code main}, closed last on shutdown; stores borrow it to open their own
 * connections and close only those. While Redis is unreachable, commands fail at once instead of
 * queueing, so writes answer {@code UNAVAILABLE} promptly and reads never block on Redis; the
 * client reconnects by itself when Redis returns. Only the masked URL is ever logged.
 */
public final class SharedRedisClient implements AutoCloseable {
  /** Connecting may take longer than a command (a busy node, a cold start): at least this long. */
  private static final Duration MIN_CONNECT_TIMEOUT = Duration.ofSeconds(10);

  private final ClientResources resources;
  private final RedisClient client;
  private final RedisSettings settings;

  private SharedRedisClient(RedisSettings settings, String url) {
    this.settings = settings;
    RedisURI uri = RedisURI.create(url);
    uri.setTimeout(settings.commandTimeout());
    this.resources = DefaultClientResources.create();
    this.client = RedisClient.create(resources, uri);
    Duration connectTimeout =
        settings.commandTimeout().compareTo(MIN_CONNECT_TIMEOUT) > 0
            ? settings.commandTimeout()
            : MIN_CONNECT_TIMEOUT;
    client.setOptions(
        ClientOptions.builder()
            .autoReconnect(true)
            .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
            .socketOptions(
                SocketOptions.builder().connectTimeout(connectTimeout).keepAlive(true).build())
            .timeoutOptions(TimeoutOptions.enabled(settings.commandTimeout()))
            .build());
    EventLog.info(
        "redis.client_created",
        "url",
        settings.maskedUrl(),
        "key_prefix",
        settings.keyPrefix(),
        "timeout_ms",
        settings.commandTimeout().toMillis());
  }

  /**
   * A client for the configured URL.
   *
   * @throws IllegalArgumentException if the settings name no Redis
   */
  public static SharedRedisClient create(RedisSettings settings) {
    String url =
        settings
            .redisUrl()
            .orElseThrow(() -> new IllegalArgumentException("no Redis URL configured"));
    return new SharedRedisClient(settings, url);
  }

  /** The client to open connections from; its lifetime is this object's. */
  public RedisClient client() {
    return client;
  }

  /** The settings it was created with (URL, key prefix, timeout). */
  public RedisSettings settings() {
    return settings;
  }

  /** The URL with credentials masked, for logs and descriptions. */
  public String maskedUrl() {
    return settings.maskedUrl();
  }

  /** Shuts the client down, then its thread pools. Call after every store has closed. */
  @Override
  public void close() {
    client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    resources.shutdown(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(3, TimeUnit.SECONDS);
  }
}
