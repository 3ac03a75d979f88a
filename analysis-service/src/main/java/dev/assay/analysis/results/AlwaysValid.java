package dev.assay.analysis.results;

import dev.assay.analysis.sequential.AlwaysValidResult;
import dev.assay.analysis.sequential.Look;
import dev.assay.analysis.sequential.MixtureSprt;
import java.util.List;
import java.util.Optional;

/**
 * The always-valid p-value and confidence interval of a lift: the normal mixture SPRT ({@link
 * MixtureSprt}; Johari, Koomen, Pekelis and Walsh, Operations Research 2022) on the estimated
 * difference and its variance at this look. The mixing variance is estimated from the data: tau² =
 * {@value #MIXING_FACTOR} × the pooled per-unit variance of the metric, i.e. the test is tuned to
 * effects of about a tenth of a standard deviation of the per-unit value. The mixture likelihood
 * ratio is a martingale under the null, so by Ville's inequality 1/Lambda at any look, however
 * chosen, is a valid p-value.
 */
final class AlwaysValid {
  /** tau² as a share of the pooled per-unit variance. */
  static final double MIXING_FACTOR = 0.01;

  private AlwaysValid() {}

  /**
   * The result for {@code comparison}, with the per-unit variances of the groups (estimate variance
   * × units); empty when the mixing variance would be 0.
   */
  static Optional<AlwaysValidResult> of(
      Comparison comparison, GroupFigures control, GroupFigures variant, double alpha) {
    double variance = comparison.variance();
    double pooledUnitVariance =
        (unitVariance(control) * control.units() + unitVariance(variant) * variant.units())
            / (double) (control.units() + variant.units());
    double mixingVariance = MIXING_FACTOR * pooledUnitVariance;
    if (!(variance > 0.0) || !(mixingVariance > 0.0) || !Double.isFinite(mixingVariance)) {
      return Optional.empty();
    }
    AlwaysValidResult result =
        MixtureSprt.analyze(
                List.of(new Look(comparison.difference(), variance)), mixingVariance, alpha)
            .get(0);
    if (!Double.isFinite(result.confidenceSequence().lower())
        || !Double.isFinite(result.confidenceSequence().upper())) {
      return Optional.empty();
    }
    return Optional.of(result);
  }

  private static double unitVariance(GroupFigures group) {
    return group.estimateVariance().orElse(0.0) * group.units();
  }
}
