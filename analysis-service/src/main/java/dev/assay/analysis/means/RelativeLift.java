package dev.assay.analysis.means;

import dev.assay.analysis.inference.ConfidenceLevel;
import dev.assay.analysis.inference.Interval;
import java.util.Optional;

/**
 * Relative lift treatment / control - 1 of two independent estimates, with the delta-method normal
 * interval Var(T/C) ~ Var(T)/C^2 + T^2 Var(C)/C^4 (e.g. Deng et al., "Applying the Delta Method in
 * Metric Analytics", KDD 2018).
 *
 * @param estimate the point estimate treatment / control - 1
 * @param standardError delta-method standard error of the ratio
 * @param interval the two-sided normal interval
 */
public record RelativeLift(double estimate, double standardError, Interval interval) {
  /**
   * The lift of {@code treatment} over {@code control} given the variances of the two estimates;
   * empty when the control estimate is 0.
   */
  public static Optional<RelativeLift> of(
      double control,
      double controlVariance,
      double treatment,
      double treatmentVariance,
      ConfidenceLevel level) {
    if (control == 0.0) {
      return Optional.empty();
    }
    double ratio = treatment / control;
    double variance =
        treatmentVariance / (control * control)
            + ratio * ratio * controlVariance / (control * control);
    double standardError = Math.sqrt(variance);
    double halfWidth = level.normalCriticalValue() * standardError;
    return Optional.of(
        new RelativeLift(ratio - 1.0, standardError, Interval.around(ratio - 1.0, halfWidth)));
  }
}
