package dev.assay.analysis.monitor;

import static dev.assay.runtime.redis.RedisConnection.orUnavailable;

import dev.assay.runtime.redis.RedisConnection;
import dev.assay.runtime.redis.SharedRedisClient;
import io.lettuce.core.SetArgs;
import java.time.Duration;

/**
 * The per-experiment lease in Redis: {@code SET <prefix>:{monitor}:lease:<key> NX PX ttl}. The
 * replica that sets it acts on the experiment in this run; the others skip it until it expires.
 */
public final class RedisMonitorLease implements MonitorLease, AutoCloseable {
  private final RedisConnection<String, String> connection;
  private final String prefix;
  private final String holder;

  /**
   * Borrows a connection; {@code holder} names this replica in the lease's value (for whoever
   * inspects Redis).
   */
  public RedisMonitorLease(SharedRedisClient client, String holder) {
    this(client.connect(), client.settings().keyPrefix(), holder);
  }

  RedisMonitorLease(RedisConnection<String, String> connection, String keyPrefix, String holder) {
    this.connection = connection;
    this.prefix = keyPrefix + ":{monitor}:lease:";
    this.holder = holder;
  }

  @Override
  public boolean tryAcquire(String experimentKey, Duration ttl) {
    String answer =
        orUnavailable(
            () ->
                connection
                    .sync()
                    .set(
                        prefix + experimentKey,
                        holder,
                        SetArgs.Builder.nx().px(Math.max(1, ttl.toMillis()))));
    return "OK".equals(answer);
  }

  /** Returns the borrowed connection. */
  @Override
  public void close() {
    connection.close();
  }
}
