package dev.assay.runtime.redis;

import dev.assay.runtime.log.EventLog;
import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * The one long-lived Lettuce client of a process and the thread pools ({@link ClientResources})
 * under it: the single-node client for {@code redis://}, {@code rediss://} and Sentinel URLs, the
 * cluster client for {@code redis-cluster://} (see {@link RedisEndpoint}). Created in {@code main},
 * closed last on shutdown; stores borrow it to open their own connections and close only those.
 *
 * <p>While Redis is unreachable, commands fail at once instead of queueing, so writes answer {@code
 * UNAVAILABLE} promptly and reads never block on Redis. Reconnect attempts back off exponentially
 * up to {@link RedisSettings#reconnectMax()} (1 s by default, not Lettuce's 30 s), so writes resume
 * within about that long of Redis answering again. Only the masked URL is ever logged.
 */
public final class SharedRedisClient implements AutoCloseable {
  /** Connecting may take longer than a command (a busy node, a cold start): at least this long. */
  private static final Duration MIN_CONNECT_TIMEOUT = Duration.ofSeconds(10);

  /** First reconnect attempt after a loss; doubles up to the configured cap. */
  private static final Duration FIRST_RECONNECT = Duration.ofMillis(20);

  private final ClientResources resources;
  private final @Nullable RedisClient single;
  private final @Nullable RedisClusterClient cluster;
  private final RedisSettings settings;

  private SharedRedisClient(RedisSettings settings, RedisEndpoint endpoint) {
    this.settings = settings;
    Duration cap = settings.reconnectMax();
    this.resources =
        DefaultClientResources.builder()
            .reconnectDelay(
                Delay.exponential(
                    FIRST_RECONNECT.compareTo(cap) < 0 ? FIRST_RECONNECT : cap,
                    cap,
                    2,
                    TimeUnit.MILLISECONDS))
            .build();
    endpoint.uris().forEach(uri -> uri.setTimeout(settings.commandTimeout()));
    SocketOptions socket =
        SocketOptions.builder().connectTimeout(connectTimeout(settings)).keepAlive(true).build();
    TimeoutOptions timeouts = TimeoutOptions.enabled(settings.commandTimeout());
    if (endpoint.cluster()) {
      this.single = null;
      this.cluster = RedisClusterClient.create(resources, endpoint.uris());
      cluster.setOptions(
          ClusterClientOptions.builder()
              .autoReconnect(true)
              .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
              .socketOptions(socket)
              .timeoutOptions(timeouts)
              .sslOptions(settings.tls().sslOptions())
              // Follow failovers: Lettuce re-reads the topology on MOVED/ASK and on lost
              // connections (adaptive triggers are on by default), and every few seconds anyway.
              .topologyRefreshOptions(
                  ClusterTopologyRefreshOptions.builder()
                      .enablePeriodicRefresh(Duration.ofSeconds(5))
                      .adaptiveRefreshTriggersTimeout(Duration.ofMillis(200))
                      .build())
              .build());
    } else {
      this.cluster = null;
      this.single = RedisClient.create(resources, endpoint.uris().get(0));
      single.setOptions(
          ClientOptions.builder()
              .autoReconnect(true)
              .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
              .socketOptions(socket)
              .timeoutOptions(timeouts)
              .sslOptions(settings.tls().sslOptions())
              .build());
    }
    EventLog.info(
        "redis.client_created",
        "url",
        settings.maskedUrl(),
        "mode",
        endpoint.cluster() ? "cluster" : "single",
        "key_prefix",
        settings.keyPrefix(),
        "timeout_ms",
        settings.commandTimeout().toMillis(),
        "reconnect_max_ms",
        cap.toMillis(),
        "wait_replicas",
        settings.waitReplicas(),
        "tls_ca",
        settings.tls().caFile().map(Object::toString).orElse("jvm default"),
        "tls_client_certificate",
        settings.tls().certFile().isPresent());
  }

  private static Duration connectTimeout(RedisSettings settings) {
    return settings.commandTimeout().compareTo(MIN_CONNECT_TIMEOUT) > 0
        ? settings.commandTimeout()
        : MIN_CONNECT_TIMEOUT;
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
    return new SharedRedisClient(settings, RedisEndpoint.parse(url));
  }

  /**
   * Opens a command connection with {@code codec}; it fails with a Lettuce {@code
   * RedisConnectionException} if Redis is unreachable now. The caller closes it.
   */
  public <K, V> RedisConnection<K, V> connect(RedisCodec<K, V> codec) {
    if (cluster != null) {
      return RedisConnection.ofCluster(cluster.connect(codec), codec, settings);
    }
    return RedisConnection.ofSingle(requireSingle().connect(codec), settings);
  }

  /** A command connection with string keys and values. */
  public RedisConnection<String, String> connect() {
    return connect(StringCodec.UTF8);
  }

  /**
   * Opens a pub/sub connection. On a cluster, {@code PUBLISH} reaches every node, so subscribing
   * through any node hears every message. The caller closes it.
   */
  public StatefulRedisPubSubConnection<String, String> connectPubSub() {
    if (cluster != null) {
      return cluster.connectPubSub();
    }
    return requireSingle().connectPubSub();
  }

  /** Whether the URL names a Redis Cluster. */
  public boolean isCluster() {
    return cluster != null;
  }

  /** The settings it was created with (URL, key prefix, timeouts, replication wait). */
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
    AbstractRedisClient client = cluster != null ? cluster : requireSingle();
    client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    resources.shutdown(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(3, TimeUnit.SECONDS);
  }

  private RedisClient requireSingle() {
    if (single == null) {
      throw new IllegalStateException("cluster client has no single-node client");
    }
    return single;
  }
}
