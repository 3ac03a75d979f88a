package dev.assay.analysis.distributions;

import org.apache.commons.math3.distribution.TDistribution;

/**
 * Student's t distribution with tails accurate to about 1e-12 relative for any degrees of freedom
 * (matches scipy.stats.t). The tail is 0.5 I_x(df/2, 1/2) with x = df / (df + t^2) and 1 - x both
 * computed without cancellation; quantiles are commons-math's solver result refined by Newton
 * steps.
 */
public final class StudentT {
  private final double degreesOfFreedom;
  private final TDistribution distribution;

  /** A t distribution with {@code degreesOfFreedom > 0}. */
  public StudentT(double degreesOfFreedom) {
    if (!(degreesOfFreedom > 0.0) || Double.isInfinite(degreesOfFreedom)) {
      throw new IllegalArgumentException(
          "degrees of freedom must be positive and finite: " + degreesOfFreedom);
    }
    this.degreesOfFreedom = degreesOfFreedom;
    this.distribution = new TDistribution(null, degreesOfFreedom, 1e-14);
  }

  /** The density at {@code t}. */
  public double pdf(double t) {
    return distribution.density(t);
  }

  /** P(T > t). */
  public double sf(double t) {
    if (t < 0.0) {
      return 1.0 - sf(-t);
    }
    if (t == 0.0) {
      return 0.5;
    }
    double tSquared = t * t;
    double x = degreesOfFreedom / (degreesOfFreedom + tSquared);
    double y = tSquared / (degreesOfFreedom + tSquared);
    double logX = -Math.log1p(tSquared / degreesOfFreedom);
    double logY = Math.log(tSquared) - Math.log(degreesOfFreedom + tSquared);
    return 0.5 * RegularizedBeta.lower(x, y, logX, logY, 0.5 * degreesOfFreedom, 0.5);
  }

  /** P(T <= t). */
  public double cdf(double t) {
    return sf(-t);
  }

  /** The t with P(T > t) = q, for q in (0, 1). */
  public double upperQuantile(double q) {
    if (!(q > 0.0 && q < 1.0)) {
      throw new IllegalArgumentException("probability must be in (0, 1): " + q);
    }
    if (q > 0.5) {
      return -upperQuantile(1.0 - q);
    }
    double t = distribution.inverseCumulativeProbability(1.0 - q);
    for (int i = 0; i < 20; i++) {
      double step = (sf(t) - q) / pdf(t);
      t += step;
      if (Math.abs(step) <= 1e-16 * Math.abs(t)) {
        break;
      }
    }
    return t;
  }
}
