package dev.assay.analysis.ratio;

import dev.assay.analysis.cuped.PairedMoments;
import dev.assay.analysis.distributions.StandardNormal;
import dev.assay.analysis.inference.Alternative;
import dev.assay.analysis.inference.ConfidenceLevel;
import dev.assay.analysis.inference.Interval;
import dev.assay.analysis.means.RelativeLift;

/**
 * Ratio metrics whose analysis unit differs from the randomization unit (e.g. clicks per session,
 * randomized by user): per group, R = mean(numerator) / mean(denominator) with the delta-method
 * variance Var(R) = (s_nn / mu_d^2 - 2 mu_n s_nd / mu_d^3 + mu_n^2 s_dd / mu_d^4) / n (Deng,
 * Knoblich and Lu, "Applying the Delta Method in Metric Analytics", KDD 2018), then a z-test on the
 * difference.
 */
public final class RatioMetricTest {
  private RatioMetricTest() {}

  /**
   * Compares the ratios; {@code meanY} of each moment is the numerator, {@code meanX} the
   * denominator. Denominator means must be nonzero and the difference must have a positive standard
   * error (callers check).
   */
  public static RatioResult test(
      PairedMoments control,
      PairedMoments treatment,
      Alternative alternative,
      ConfidenceLevel level) {
    double controlRatio = control.meanY() / control.meanX();
    double treatmentRatio = treatment.meanY() / treatment.meanX();
    double controlVariance = variance(control);
    double treatmentVariance = variance(treatment);
    double standardError = Math.sqrt(controlVariance + treatmentVariance);
    if (!(standardError > 0.0)) {
      throw new IllegalArgumentException("the ratio difference has zero variance");
    }
    double difference = treatmentRatio - controlRatio;
    double statistic = difference / standardError;
    return new RatioResult(
        controlRatio,
        treatmentRatio,
        controlVariance,
        treatmentVariance,
        difference,
        standardError,
        statistic,
        alternative.pValue(statistic, StandardNormal::sf),
        Interval.around(difference, level.normalCriticalValue() * standardError),
        RelativeLift.of(controlRatio, controlVariance, treatmentRatio, treatmentVariance, level));
  }

  /** The delta-method variance of one group's ratio. */
  public static double variance(PairedMoments group) {
    double mn = group.meanY();
    double md = group.meanX();
    double variance =
        (group.varianceY() / (md * md)
                - 2.0 * mn * group.covariance() / (md * md * md)
                + mn * mn * group.varianceX() / (md * md * md * md))
            / group.count();
    return Math.max(0.0, variance);
  }
}
