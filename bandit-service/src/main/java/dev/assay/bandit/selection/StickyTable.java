package dev.assay.bandit.selection;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import dev.assay.bandit.store.StickyAssignment;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentMap;

/**
 * One bandit's sticky assignments as this replica knows them. Assignments read back from the shared
 * sticky log are confirmed, and the first live one for a unit wins on every replica (the log has
 * one order); an assignment this replica made but has not yet read back is provisional and gives
 * way to a confirmed one, so replicas that raced on a new unit agree within one refresh interval.
 */
public final class StickyTable {
  private record Entry(StickyAssignment assignment, boolean confirmed) {}

  /** Caffeine drops an entry once its assignment has expired (wall clock), which bounds memory. */
  private final ConcurrentMap<String, Entry> units =
      Caffeine.newBuilder()
          .expireAfter(
              Expiry.<String, Entry>writing(
                  (unit, e) ->
                      Duration.ofMillis(
                          Math.max(
                              0, e.assignment.expiresAtMillis() - System.currentTimeMillis()))))
          .<String, Entry>build()
          .asMap();

  private volatile String cursor = "";

  /** The unit's live assignment, if any. */
  public Optional<StickyAssignment> find(String unitId, long nowMillis) {
    Entry e = units.get(unitId);
    return e != null && e.assignment.isLiveAt(nowMillis)
        ? Optional.of(e.assignment)
        : Optional.empty();
  }

  /**
   * Records a new local assignment unless the unit already has a live one; returns the one that
   * holds.
   */
  public StickyAssignment claim(StickyAssignment assignment, long nowMillis) {
    return units.compute(
            assignment.unitId(),
            (unit, current) ->
                current != null && current.assignment.isLiveAt(nowMillis)
                    ? current
                    : new Entry(assignment, false))
        .assignment;
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
