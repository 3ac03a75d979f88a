package dev.assay.analysis.metrics;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which metrics read the outcome events sent under each key (see {@link MetricCatalog#readersOf}),
 * indexed once per change of the definitions so that the outcome hot path looks it up instead of
 * scanning every metric.
 */
public final class MetricReaders {
  /** No metric reads anything. */
  public static final MetricReaders NONE = new MetricReaders(Map.of(), false);

  private final Map<String, List<MetricDefinition>> byEventKey;
  private final boolean hasCupedLookback;

  private MetricReaders(Map<String, List<MetricDefinition>> byEventKey, boolean hasCupedLookback) {
    this.byEventKey = byEventKey;
    this.hasCupedLookback = hasCupedLookback;
  }

  /** The index of these definitions. */
  public static MetricReaders of(Collection<MetricDefinition> metrics) {
    Map<String, List<MetricDefinition>> readers = new HashMap<>();
    for (MetricDefinition metric : metrics) {
      if (metric.kind() == MetricKind.RATIO) {
        metric.numeratorMetric().ifPresent(key -> add(readers, key, metric));
        metric
            .denominatorMetric()
            .filter(key -> !metric.numeratorMetric().equals(Optional.of(key)))
            .ifPresent(key -> add(readers, key, metric));
      } else {
        add(readers, metric.key(), metric);
      }
    }
    Map<String, List<MetricDefinition>> frozen = new HashMap<>();
    readers.forEach((key, list) -> frozen.put(key, List.copyOf(list)));
    boolean hasCupedLookback =
        metrics.stream()
            .anyMatch(m -> m.kind() != MetricKind.RATIO && m.cupedLookback().isPresent());
    return new MetricReaders(Map.copyOf(frozen), hasCupedLookback);
  }

  private static void add(
      Map<String, List<MetricDefinition>> readers, String eventKey, MetricDefinition metric) {
    readers.computeIfAbsent(eventKey, k -> new ArrayList<>()).add(metric);
  }

  /** The readers of events sent under {@code eventKey}; empty when no metric reads them. */
  public List<MetricDefinition> readersOf(String eventKey) {
    return byEventKey.getOrDefault(eventKey, List.of());
  }

  /** Whether some metric has a CUPED lookback (and so keeps a pre-exposure history). */
  public boolean hasCupedLookback() {
    return hasCupedLookback;
  }
}
