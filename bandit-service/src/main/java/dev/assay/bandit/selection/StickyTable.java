package dev.assay.bandit.selection;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.assay.bandit.store.StickyAssignment;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;

/**
 * One bandit's sticky assignments as this replica knows them. Assignments read back from the shared
 * sticky log are confirmed, and the first live one for a unit wins on every replica (the log has
 * one order); an assignment this replica made but has not yet read back is provisional and gives
 * way to a confirmed one, so replicas that raced on a new unit agree within one refresh interval.
 */
final class StickyTable {
  private record Entry(StickyAssignment assignment, boolean confirmed) {}

  /**
   * Caffeine drops an entry once its assignment has expired, which bounds memory. Its ticker reads
   * the service's clock, so moving that clock moves the cache's expiry with it.
   */
  private final ConcurrentMap<String, Entry> units;

  private volatile String cursor = "";

  /** An empty table whose entries expire by {@code clock}. */
  StickyTable(Clock clock) {
    this.units =
        Caffeine.newBuilder()
            .ticker(ticker(clock))
            .expireAfter(
                Expiry.<String, Entry>writing(
                    (unit, e) ->
                        Duration.ofMillis(
                            Math.max(0, e.assignment.expiresAtMillis() - clock.millis()))))
            .<String, Entry>build()
            .asMap();
  }

  /** Nanoseconds since the epoch by {@code clock} (fits a long until the year 2262). */
  private static Ticker ticker(Clock clock) {
    return () -> {
      Instant now = clock.instant();
      return TimeUnit.SECONDS.toNanos(now.getEpochSecond()) + now.getNano();
    };
  }

  /** The unit's live assignment, if any. */
  Optional<StickyAssignment> find(String unitId, long nowMillis) {
    Entry e = units.get(unitId);
    return e != null && e.assignment.isLiveAt(nowMillis)
        ? Optional.of(e.assignment)
        : Optional.empty();
  }

  /**
   * Records a new local assignment unless the unit already has a live one; returns that earlier
   * one, if any.
   */
  Optional<StickyAssignment> claim(StickyAssignment assignment, long nowMillis) {
    Entry mine = new Entry(assignment, false);
    while (true) {
      Entry current = units.putIfAbsent(assignment.unitId(), mine);
      if (current == null) {
        return Optional.empty();
      }
      if (current.assignment.isLiveAt(nowMillis)) {
        return Optional.of(current.assignment);
      }
      if (units.replace(assignment.unitId(), current, mine)) {
        return Optional.empty();
      }
    }
  }

  /** Applies an assignment read from the shared log (in log order). */
  void confirm(StickyAssignment assignment, long nowMillis) {
    if (!assignment.isLiveAt(nowMillis)) {
      return;
    }
    units.compute(
        assignment.unitId(),
        (unit, current) ->
            current != null && current.confirmed && current.assignment.isLiveAt(nowMillis)
                ? current
                : new Entry(assignment, true));
  }

  /** Forgets expired assignments. */
  void prune(long nowMillis) {
    units.values().removeIf(e -> !e.assignment.isLiveAt(nowMillis));
  }

  String cursor() {
    return cursor;
  }

  void advanceTo(String next) {
    cursor = next;
  }
}
