package dev.assay.bandit.store;

import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.api.sync.RedisCommands;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * Everything a write may change in a store, read so that two readings compare equal exactly when
 * nothing changed: every definition, every arm's statistics and revision, each decision-log length,
 * and how many idempotency markers exist.
 */
public record StoreState(
    Map<String, String> definitions,
    Map<String, Map<String, Map<String, Double>>> statistics,
    Map<String, Long> revisions,
    Map<String, Integer> logLengths,
    long markers) {

  /**
   * Reads {@code store}'s state; {@code logLengths} gives the decision-log length of each bandit
   * key, {@code markers} counts the idempotency markers.
   */
  public static StoreState of(
      BanditStore store,
      Function<Collection<String>, Map<String, Integer>> logLengths,
      LongSupplier markers) {
    Map<String, String> definitions = new TreeMap<>();
    Map<String, Map<String, Map<String, Double>>> statistics = new TreeMap<>();
    Map<String, Long> revisions = new TreeMap<>();
    for (StoredBandit b : store.loadAll()) {
      String key = b.definition().key();
      definitions.put(key, b.definition().toString());
      statistics.put(key, b.armFields());
      revisions.put(key, b.revision());
    }
    return new StoreState(
        definitions,
        statistics,
        revisions,
        new TreeMap<>(logLengths.apply(definitions.keySet())),
        markers.getAsLong());
  }

  /** Log lengths read through the store's own API (fine for memory). */
  public static Function<Collection<String>, Map<String, Integer>> logsOf(BanditStore store) {
    return keys -> {
      Map<String, Integer> out = new TreeMap<>();
      keys.forEach(k -> out.put(k, store.readLog(k, 1_000_000).size()));
      return out;
    };
  }

  /** Log lengths of a Redis store under {@code prefix}, in one pipelined round trip. */
  public static Function<Collection<String>, Map<String, Integer>> logsUnder(
      RedisAsyncCommands<String, String> redis, String prefix) {
    return keys -> {
      Map<String, RedisFuture<Long>> pending = new TreeMap<>();
      keys.forEach(k -> pending.put(k, redis.llen(prefix + ":{bandit:" + k + "}:log")));
      Map<String, Integer> out = new TreeMap<>();
      pending.forEach(
          (k, f) -> {
            try {
              out.put(k, f.get(10, TimeUnit.SECONDS).intValue());
            } catch (Exception e) {
              throw new IllegalStateException("reading the log length of " + k, e);
            }
          });
      return out;
    };
  }

  /** The marker count of an in-memory store. */
  public static LongSupplier markersOf(InMemoryBanditStore store) {
    return store::markerCount;
  }

  /** The marker count of a Redis store whose keys live under {@code prefix}. */
  public static LongSupplier markersUnder(RedisCommands<String, String> redis, String prefix) {
    return () -> {
      long count = 0;
      ScanCursor cursor = ScanCursor.INITIAL;
      do {
        KeyScanCursor<String> page =
            redis.scan(cursor, ScanArgs.Builder.matches(prefix + ":*:done:*").limit(10_000));
        count += page.getKeys().size();
        cursor = page;
      } while (!cursor.isFinished());
      return count;
    };
  }
}
