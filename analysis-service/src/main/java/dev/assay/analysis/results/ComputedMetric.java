package dev.assay.analysis.results;

import java.util.List;

/**
 * A metric's results with the per-variation figures they came from (what the fixed-horizon decision
 * needs).
 *
 * @param result the metric's results
 * @param groups the figures of each variation, in the order of the result's variations
 */
record ComputedMetric(MetricResult result, List<GroupFigures> groups) {
  ComputedMetric {
    groups = List.copyOf(groups);
  }
}
