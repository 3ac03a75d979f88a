package dev.assay.bandit.store;

import dev.assay.bandit.definition.BanditDefinition;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.sync.RedisCommands;
import java.util.Map;
import java.util.TreeMap;
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

  /** Reads {@code store}'s state; {@code markers} counts its idempotency markers. */
  public static StoreState of(BanditStore store, LongSupplier markers) {
    Map<String, String> definitions = new TreeMap<>();
    Map<String, Integer> logs = new TreeMap<>();
    for (BanditDefinition d : store.list("", 100_000)) {
      definitions.put(d.key(), d.toString());
      logs.put(d.key(), store.readLog(d.key(), 1_000_000).size());
    }
    Map<String, Map<String, Map<String, Double>>> statistics = new TreeMap<>();
    Map<String, Long> revisions = new TreeMap<>();
    for (StoredBandit b : store.loadAll()) {
      statistics.put(b.definition().key(), b.armFields());
      revisions.put(b.definition().key(), b.revision());
    }
    return new StoreState(definitions, statistics, revisions, logs, markers.getAsLong());
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
            redis.scan(cursor, ScanArgs.Builder.matches(prefix + ":*:done:*").limit(1_000));
        count += page.getKeys().size();
        cursor = page;
      } while (!cursor.isFinished());
      return count;
    };
  }
}
