package dev.assay.analysis.distributions;

import org.apache.commons.math3.special.Erf;

/**
 * The standard normal distribution with tail probabilities and quantiles accurate to about 1e-15
 * relative (matches scipy.stats.norm). Quantiles start from commons-math's erfInv and are refined
 * by Newton steps on log Phi, which converge for any start because log Phi is concave.
 */
public final class StandardNormal {
  private static final double SQRT2 = Math.sqrt(2.0);
  private static final double LOG_SQRT_2PI = 0.5 * Math.log(2.0 * Math.PI);

  private StandardNormal() {}

  /** The density at {@code x}. */
  public static double pdf(double x) {
    return Math.exp(-0.5 * x * x - LOG_SQRT_2PI);
  }

  /** P(Z <= x), accurate in the lower tail. */
  public static double cdf(double x) {
    return 0.5 * Erf.erfc(-x / SQRT2);
  }

  /** P(Z > x), accurate in the upper tail. */
  public static double sf(double x) {
    return 0.5 * Erf.erfc(x / SQRT2);
  }

  /** The x with P(Z <= x) = p, for p in (0, 1). */
  public static double quantile(double p) {
    if (!(p > 0.0 && p < 1.0)) {
      throw new IllegalArgumentException("probability must be in (0, 1): " + p);
    }
    if (p > 0.5) {
      return -quantile(1.0 - p);
    }
    if (p == 0.5) {
      return 0.0;
    }
    double x = SQRT2 * Erf.erfInv(2.0 * p - 1.0);
    if (!Double.isFinite(x) || x >= 0.0) {
      x = -Math.sqrt(-2.0 * Math.log(p));
    }
    double logP = Math.log(p);
    for (int i = 0; i < 100; i++) {
      double cdf = cdf(x);
      double step = (Math.log(cdf) - logP) * cdf / pdf(x);
      x -= step;
      if (Math.abs(step) <= 1e-16 * Math.abs(x)) {
        break;
      }
    }
    return x;
  }

  /** The x with P(Z > x) = q, for q in (0, 1). */
  public static double upperQuantile(double q) {
    return -quantile(q);
  }
}
