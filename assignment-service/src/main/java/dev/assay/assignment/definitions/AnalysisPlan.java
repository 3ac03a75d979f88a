package dev.assay.assignment.definitions;

import java.util.List;
import java.util.OptionalDouble;

/**
 * How the analysis service measures, judges and monitors an experiment. The assignment service only
 * validates and stores it; metric keys name the analysis service's metric definitions.
 *
 * @param primaryMetric the metric the decision is made on; empty for none
 * @param guardrailMetrics metrics that must not degrade, at most 20
 * @param secondaryMetrics metrics reported but not decided on, at most 50
 * @param plannedUnits planned exposed units over all variations; 0 for none
 * @param alpha the significance level in (0, 1); empty means the analysis default (0.05)
 * @param monitor what the analysis service's monitor may do on its own
 */
public record AnalysisPlan(
    String primaryMetric,
    List<String> guardrailMetrics,
    List<String> secondaryMetrics,
    long plannedUnits,
    OptionalDouble alpha,
    MonitorPolicy monitor) {

  /** No plan: no metrics, no automatic action (what an experiment without one stores). */
  public static final AnalysisPlan NONE =
      new AnalysisPlan("", List.of(), List.of(), 0, OptionalDouble.empty(), MonitorPolicy.OFF);

  public AnalysisPlan {
    guardrailMetrics = List.copyOf(guardrailMetrics);
    secondaryMetrics = List.copyOf(secondaryMetrics);
  }

  /** Whether this is {@link #NONE}: nothing set. */
  public boolean isNone() {
    return equals(NONE);
  }
}
