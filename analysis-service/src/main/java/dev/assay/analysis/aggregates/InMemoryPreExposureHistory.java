package dev.assay.analysis.aggregates;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Each unit's recent events of metrics with a CUPED lookback, for {@link InMemoryLoopStore}: per
 * unit and metric, sorted by event time, trimmed to the lookback (plus the late-exposure grace) and
 * to {@link PreExposureLimits#EVENTS_PER_METRIC}. A unit without an event for longer than its
 * longest retention is forgotten. Not thread-safe: the store holds its lock.
 */
final class InMemoryPreExposureHistory {
  /** One unit and metric's events, oldest first, in two parallel arrays. */
  private static final class Series {
    long[] times = new long[2];
    double[] values = new double[2];
    int size;

    void insert(long timeMillis, double value) {
      if (size == times.length) {
        int capacity = Math.min(PreExposureLimits.EVENTS_PER_METRIC + 1, size * 2);
        times = Arrays.copyOf(times, Math.max(capacity, size + 1));
        values = Arrays.copyOf(values, times.length);
      }
      // Events mostly arrive in time order: the insertion point is usually the end.
      int at = size;
      while (at > 0 && times[at - 1] > timeMillis) {
        at--;
      }
      System.arraycopy(times, at, times, at + 1, size - at);
      System.arraycopy(values, at, values, at + 1, size - at);
      times[at] = timeMillis;
      values[at] = value;
      size++;
    }

    void dropOlderThan(long cutoffMillis, int keep) {
      int drop = 0;
      while (drop < size && times[drop] < cutoffMillis) {
        drop++;
      }
      drop = Math.max(drop, size - keep);
      if (drop > 0) {
        System.arraycopy(times, drop, times, 0, size - drop);
        System.arraycopy(values, drop, values, 0, size - drop);
        size -= drop;
      }
    }
  }

  /** A unit's series by metric, and when the whole unit may be forgotten. */
  private static final class UnitHistory {
    final Map<String, Series> byMetric = new HashMap<>(2);
    long expiresMillis;
  }

  /** In the order of each unit's latest append, so the ones to forget are at the head. */
  private final LinkedHashMap<String, UnitHistory> units = new LinkedHashMap<>();

  /**
   * Keeps one newly recorded event of a metric whose covariate looks back {@code lookbackMillis}.
   */
  void append(String unitId, PastEvent event, long lookbackMillis, long nowMillis) {
    forgetExpired(nowMillis);
    UnitHistory unit = units.remove(unitId);
    if (unit == null) {
      unit = new UnitHistory();
    }
    units.put(unitId, unit);
    unit.expiresMillis =
        Math.max(unit.expiresMillis, nowMillis + PreExposureLimits.retentionMillis(lookbackMillis));
    Series series = unit.byMetric.computeIfAbsent(event.metricKey(), m -> new Series());
    series.insert(event.timeMillis(), event.value());
    series.dropOlderThan(
        PreExposureLimits.cutoffMillis(nowMillis, lookbackMillis),
        PreExposureLimits.EVENTS_PER_METRIC);
  }

  /** The unit's kept events, per metric oldest first. */
  List<PastEvent> eventsOf(String unitId) {
    UnitHistory unit = units.get(unitId);
    if (unit == null) {
      return List.of();
    }
    List<PastEvent> events = new ArrayList<>();
    unit.byMetric.forEach(
        (metric, series) -> {
          for (int i = 0; i < series.size; i++) {
            events.add(new PastEvent(metric, series.times[i], series.values[i]));
          }
        });
    return events;
  }

  /**
   * Forgets units from the head while they are expired. A unit behind one with a longer retention
   * waits for it: the lookbacks differ, so the order is by last append, not by expiry.
   */
  private void forgetExpired(long nowMillis) {
    Iterator<UnitHistory> oldest = units.values().iterator();
    while (oldest.hasNext() && oldest.next().expiresMillis <= nowMillis) {
      oldest.remove();
    }
  }
}
