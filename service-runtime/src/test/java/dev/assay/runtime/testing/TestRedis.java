package dev.assay.runtime.testing;

import dev.assay.runtime.redis.RedisSettings;
import dev.assay.runtime.redis.SharedRedisClient;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The real Redis on 127.0.0.1:6379, shared with other tests and other processes: each instance
 * works under its own key prefix and, on close, deletes only its own keys (never FLUSHALL).
 */
public final class TestRedis implements AutoCloseable {
  /** Where the shared Redis listens. */
  public static final String URL = "redis://127.0.0.1:6379";

  private final String prefix = "test:" + UUID.randomUUID();
  private final List<AutoCloseable> owned = new ArrayList<>();

  /** This instance's key prefix. */
  public String prefix() {
    return prefix;
  }

  /** Settings for this prefix through {@code url} (the real Redis, or a {@link TcpProxy} to it). */
  public RedisSettings settings(String url) {
    return new RedisSettings(url, prefix, Duration.ofSeconds(5));
  }

  /** A client on this instance's prefix through {@code url}, closed with this instance. */
  public SharedRedisClient connect(String url) {
    SharedRedisClient client = SharedRedisClient.create(settings(url));
    owned.add(client);
    return client;
  }

  /** A client on this instance's prefix to the real Redis. */
  public SharedRedisClient connect() {
    return connect(URL);
  }

  /**
   * Closes {@code resource} (a store, say) before the clients, when this instance closes. Resources
   * close in reverse order of registration, as with try-with-resources.
   */
  public <T extends AutoCloseable> T closeLater(T resource) {
    owned.add(resource);
    return resource;
  }

  @Override
  public void close() {
    for (int i = owned.size() - 1; i >= 0; i--) {
      try {
        owned.get(i).close();
      } catch (Exception e) {
        throw new IllegalStateException("closing " + owned.get(i), e);
      }
    }
    deleteKeys(prefix);
  }

  /** Deletes every key under {@code prefix} (and nothing else) from the shared Redis. */
  public static void deleteKeys(String prefix) {
    RedisClient cleaner = RedisClient.create(URL);
    try (StatefulRedisConnection<String, String> connection = cleaner.connect()) {
      ScanCursor cursor = ScanCursor.INITIAL;
      do {
        KeyScanCursor<String> page =
            connection
                .sync()
                .scan(cursor, ScanArgs.Builder.matches(escapeGlob(prefix) + "*").limit(1000));
        if (!page.getKeys().isEmpty()) {
          connection.sync().del(page.getKeys().toArray(String[]::new));
        }
        cursor = page;
      } while (!cursor.isFinished());
    } finally {
      cleaner.shutdown();
    }
  }

  private static String escapeGlob(String glob) {
    return glob.replaceAll("([*?\\[\\]\\\\])", "\\\\$1");
  }
}
