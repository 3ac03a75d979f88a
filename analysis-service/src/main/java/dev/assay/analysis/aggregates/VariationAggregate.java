package dev.assay.analysis.aggregates;

import java.util.Map;

/**
 * One variation's exposed units and its metrics' statistics.
 *
 * @param variationIndex the variation's index in the experiment
 * @param variationKey the variation's key (as the latest exposure named it)
 * @param units units whose first exposure was to this variation
 * @param metrics statistics per metric key, for every metric with at least one attributed event; a
 *     metric absent here has no events (every unit's value is 0, or no unit counts for MEAN)
 */
public record VariationAggregate(
    int variationIndex, String variationKey, long units, Map<String, MetricMoments> metrics) {
  /** Copies the map. */
  public VariationAggregate {
    metrics = Map.copyOf(metrics);
  }
}
