package dev.assay.bandit.testing;

import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.StatefulRedisConnection;
import java.util.UUID;

/**
 * The shared test Redis on 127.0.0.1:6379: unique key prefixes per test, and cleanup of only those
 * keys.
 */
public final class RedisTestSupport {
  /** Where the shared Redis listens. */
  public static final String URL = "redis://127.0.0.1:6379";

  private RedisTestSupport() {}

  /** A fresh prefix no other test uses. */
  public static String uniquePrefix() {
    return "test:bandit:" + UUID.randomUUID();
  }

  /** Deletes every key starting with {@code prefix} (and nothing else). */
  public static void deleteKeys(RedisClient client, String prefix) {
    try (StatefulRedisConnection<String, String> c = client.connect()) {
      ScanCursor cursor = ScanCursor.INITIAL;
      do {
        KeyScanCursor<String> page =
            c.sync().scan(cursor, ScanArgs.Builder.matches(escape(prefix) + "*").limit(1000));
        if (!page.getKeys().isEmpty()) {
          c.sync().del(page.getKeys().toArray(String[]::new));
        }
        cursor = page;
      } while (!cursor.isFinished());
    }
  }

  private static String escape(String glob) {
    return glob.replaceAll("([*?\\[\\]\\\\])", "\\\\$1");
  }
}
