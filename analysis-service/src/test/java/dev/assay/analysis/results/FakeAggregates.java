package dev.assay.analysis.results;

import dev.assay.analysis.aggregates.AggregateReader;
import dev.assay.analysis.aggregates.Cohort;
import dev.assay.analysis.aggregates.ExperimentAggregate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Aggregates the test sets: the current one per experiment and cohort, and the hourly snapshots
 * (every aggregate set is also kept as the snapshot at its asOf).
 */
public final class FakeAggregates implements AggregateReader {
  private final Map<String, TreeMap<Instant, ExperimentAggregate>> history =
      new ConcurrentHashMap<>();

  /** Sets the experiment's current aggregate for {@code cohort} (and its hourly snapshot). */
  public synchronized void put(Cohort cohort, ExperimentAggregate aggregate) {
    history
        .computeIfAbsent(aggregate.experimentKey() + "/" + cohort, k -> new TreeMap<>())
        .put(aggregate.asOf(), aggregate);
  }

  /** Sets the assigned cohort's aggregate. */
  public void put(ExperimentAggregate aggregate) {
    put(Cohort.ASSIGNED, aggregate);
  }

  @Override
  public synchronized Optional<ExperimentAggregate> current(String experimentKey, Cohort cohort) {
    TreeMap<Instant, ExperimentAggregate> hours = history.get(experimentKey + "/" + cohort);
    return hours == null ? Optional.empty() : Optional.of(hours.lastEntry().getValue());
  }

  @Override
  public synchronized List<ExperimentAggregate> hourly(
      String experimentKey, Cohort cohort, Instant from, Instant to) {
    TreeMap<Instant, ExperimentAggregate> hours = history.get(experimentKey + "/" + cohort);
    return hours == null ? List.of() : new ArrayList<>(hours.subMap(from, true, to, true).values());
  }

  @Override
  public synchronized List<String> experimentKeys() {
    return history.keySet().stream()
        .map(k -> k.substring(0, k.lastIndexOf('/')))
        .distinct()
        .toList();
  }
}
