package dev.assay.analysis.distributions;

import org.apache.commons.math3.distribution.BetaDistribution;
import org.apache.commons.math3.special.Beta;

/**
 * Quantiles of the beta distribution (scipy.stats.beta.ppf / isf) to about 1e-14 relative: the
 * commons-math solver result (absolute accuracy 1e-15) refined by Newton steps on the tail that is
 * small, so tiny lower or upper quantiles keep their relative precision.
 */
public final class BetaQuantile {
  private static final double EPSILON = 1e-15;
  private static final int MAX_ITERATIONS = 100_000;

  private BetaQuantile() {}

  /** The x with P(X <= x) = p for X ~ Beta(a, b). */
  public static double lower(double p, double a, double b) {
    BetaDistribution beta = new BetaDistribution(null, a, b, 1e-15);
    double x = beta.inverseCumulativeProbability(p);
    for (int i = 0; i < 30; i++) {
      double density = beta.density(x);
      if (!(density > 0.0) || !Double.isFinite(density)) {
        break;
      }
      double step = (Beta.regularizedBeta(x, a, b, EPSILON, MAX_ITERATIONS) - p) / density;
      double next = Math.min(1.0, Math.max(0.0, x - step));
      if (Math.abs(next - x) <= 1e-16 * Math.abs(x)) {
        x = next;
        break;
      }
      x = next;
    }
    return x;
  }

  /** The x with P(X > x) = q for X ~ Beta(a, b): by symmetry, 1 - lower(q, b, a). */
  public static double upper(double q, double a, double b) {
    return 1.0 - lower(q, b, a);
  }
}
