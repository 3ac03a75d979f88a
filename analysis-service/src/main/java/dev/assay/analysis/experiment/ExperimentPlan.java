package dev.assay.analysis.experiment;

import dev.assay.analysis.multiplicity.CorrectionMethod;
import java.util.List;
import java.util.OptionalDouble;

/**
 * What to analyze and how (validated by the caller).
 *
 * @param armNames arm names, control first
 * @param assignedUnits units per arm, for the sample-ratio check
 * @param weights configured weights per arm
 * @param srmThreshold mismatch threshold on the SRM p-value
 * @param primary the decision metric
 * @param guardrails guardrail metrics with their relative margins
 * @param alpha significance level
 * @param correction correction of the primary p-values across variants
 * @param practicalSignificance smallest worthwhile absolute improvement, if given
 */
public record ExperimentPlan(
    List<String> armNames,
    List<Long> assignedUnits,
    List<Double> weights,
    double srmThreshold,
    MetricData primary,
    List<Guardrail> guardrails,
    double alpha,
    CorrectionMethod correction,
    OptionalDouble practicalSignificance) {
  /** Copies the lists. */
  public ExperimentPlan {
    armNames = List.copyOf(armNames);
    assignedUnits = List.copyOf(assignedUnits);
    weights = List.copyOf(weights);
    guardrails = List.copyOf(guardrails);
  }

  /**
   * A guardrail metric.
   *
   * @param metric the metric
   * @param relativeMargin tolerated degradation relative to control
   */
  public record Guardrail(MetricData metric, double relativeMargin) {}
}
