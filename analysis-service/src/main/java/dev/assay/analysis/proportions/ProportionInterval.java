package dev.assay.analysis.proportions;

import dev.assay.analysis.distributions.BetaQuantile;
import dev.assay.analysis.inference.ConfidenceLevel;
import dev.assay.analysis.inference.Interval;

/** Two-sided confidence intervals for one proportion; matches statsmodels proportion_confint. */
public final class ProportionInterval {
  private ProportionInterval() {}

  /** The interval for {@code counts} by {@code method} at {@code level}. */
  public static Interval of(
      BinomialCounts counts, ProportionIntervalMethod method, ConfidenceLevel level) {
    double n = counts.trials();
    double x = counts.successes();
    double q = x / n;
    double tail = level.tailProbability();
    return switch (method) {
      case WALD ->
          clip(Interval.around(q, level.normalCriticalValue() * Math.sqrt(q * (1.0 - q) / n)));
      case AGRESTI_COULL -> {
        double crit = level.normalCriticalValue();
        double nTilde = n + crit * crit;
        double qTilde = (x + crit * crit / 2.0) / nTilde;
        yield clip(Interval.around(qTilde, crit * Math.sqrt(qTilde * (1.0 - qTilde) / nTilde)));
      }
      case WILSON -> {
        double crit = level.normalCriticalValue();
        double crit2 = crit * crit;
        double denominator = 1.0 + crit2 / n;
        double center = (q + crit2 / (2.0 * n)) / denominator;
        double halfWidth =
            crit * Math.sqrt(q * (1.0 - q) / n + crit2 / (4.0 * n * n)) / denominator;
        yield clip(Interval.around(center, halfWidth));
      }
      case CLOPPER_PEARSON -> {
        double lower = x == 0 ? 0.0 : BetaQuantile.lower(tail, x, n - x + 1.0);
        double upper = x == n ? 1.0 : BetaQuantile.upper(tail, x + 1.0, n - x);
        yield new Interval(lower, upper);
      }
    };
  }

  private static Interval clip(Interval interval) {
    return new Interval(Math.max(0.0, interval.lower()), Math.min(1.0, interval.upper()));
  }
}
