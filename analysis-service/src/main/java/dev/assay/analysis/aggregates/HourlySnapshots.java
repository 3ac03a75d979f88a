package dev.assay.analysis.aggregates;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;

/** Turns per-hour changes into the cumulative snapshots {@link AggregateReader#hourly} returns. */
final class HourlySnapshots {
  private static final long HOUR_MILLIS = Duration.ofHours(1).toMillis();

  private HourlySnapshots() {}

  /**
   * The cumulative figures at the end of each hour whose end lies in [from, to] and that changed
   * {@code cohort}, oldest first.
   *
   * @param hours each hour's changes, by hour number (epoch millis / 3,600,000)
   */
  static List<ExperimentAggregate> cumulative(
      String experimentKey,
      Cohort cohort,
      Instant from,
      Instant to,
      NavigableMap<Long, MomentTable> hours) {
    MomentTable running = new MomentTable();
    List<ExperimentAggregate> snapshots = new ArrayList<>();
    for (Map.Entry<Long, MomentTable> hour : hours.entrySet()) {
      Instant end = Instant.ofEpochMilli((hour.getKey() + 1) * HOUR_MILLIS);
      if (end.isAfter(to)) {
        break;
      }
      running.addAll(hour.getValue());
      if (!end.isBefore(from) && hour.getValue().touches(cohort)) {
        Optional<ExperimentAggregate> snapshot = running.toAggregate(experimentKey, cohort, end);
        snapshot.ifPresent(snapshots::add);
      }
    }
    return snapshots;
  }
}
