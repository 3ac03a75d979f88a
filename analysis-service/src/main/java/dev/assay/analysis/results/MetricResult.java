package dev.assay.analysis.results;

import dev.assay.analysis.metrics.MetricKind;
import java.util.List;

/**
 * One metric in every variation, control first.
 *
 * @param key the metric key
 * @param kind its kind
 * @param role its role in the plan
 * @param isDecreaseBetter whether lower is better
 * @param guardrailMargin tolerated degradation relative to control (the definition's, else 0)
 * @param variations control first, then every variation against control
 */
public record MetricResult(
    String key,
    MetricKind kind,
    MetricRole role,
    boolean isDecreaseBetter,
    double guardrailMargin,
    List<VariationMetric> variations) {
  /** Copies the list. */
  public MetricResult {
    variations = List.copyOf(variations);
  }

  /** The improvement (positive is better) that a difference of this metric is. */
  public double improvement(double difference) {
    return isDecreaseBetter ? -difference : difference;
  }
}
