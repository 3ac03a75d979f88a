package dev.assay.analysis.experiment;

import dev.assay.analysis.srm.SampleRatioResult;
import java.util.List;
import java.util.Optional;

/**
 * The analysis of a whole experiment.
 *
 * @param sampleRatio the SRM check
 * @param variants per-variant results, in arm order (control excluded)
 * @param recommendation what to do
 * @param recommendedArm the arm to ship when the recommendation is SHIP
 * @param reasons plain-sentence reasons
 */
public record ExperimentReport(
    SampleRatioResult sampleRatio,
    List<VariantResult> variants,
    Recommendation recommendation,
    Optional<String> recommendedArm,
    List<String> reasons) {
  /**
   * One variant.
   *
   * @param armName arm name
   * @param primary primary metric comparison
   * @param guardrails guardrail checks in plan order
   */
  public record VariantResult(
      String armName, Comparison primary, List<GuardrailCheck> guardrails) {}
}
