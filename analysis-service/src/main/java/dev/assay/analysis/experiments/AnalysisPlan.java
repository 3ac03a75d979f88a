package dev.assay.analysis.experiments;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * How an experiment is measured and judged (the assignment service's {@code AnalysisPlan}).
 *
 * @param primaryMetric the metric the decision is made on, if any
 * @param guardrailMetrics metrics that must not degrade beyond their margins
 * @param secondaryMetrics metrics reported only
 * @param plannedUnits planned exposed units over all variations; 0 means none
 * @param alpha significance level, if set
 * @param monitor what the monitor may do
 */
public record AnalysisPlan(
    Optional<String> primaryMetric,
    List<String> guardrailMetrics,
    List<String> secondaryMetrics,
    long plannedUnits,
    OptionalDouble alpha,
    MonitorPolicy monitor) {
  /** No metrics, no size, nothing automatic. */
  public static final AnalysisPlan NONE =
      new AnalysisPlan(
          Optional.empty(), List.of(), List.of(), 0, OptionalDouble.empty(), MonitorPolicy.OFF);

  /** Copies the lists. */
  public AnalysisPlan {
    guardrailMetrics = List.copyOf(guardrailMetrics);
    secondaryMetrics = List.copyOf(secondaryMetrics);
  }
}
