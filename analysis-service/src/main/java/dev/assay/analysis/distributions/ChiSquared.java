package dev.assay.analysis.distributions;

import org.apache.commons.math3.special.Gamma;

/** Upper tail of the chi-square distribution (scipy.stats.chi2.sf), accurate to about 1e-14. */
public final class ChiSquared {
  private ChiSquared() {}

  /** P(X > x) for X ~ chi-square with {@code degreesOfFreedom > 0}. */
  public static double sf(double x, double degreesOfFreedom) {
    if (x <= 0.0) {
      return 1.0;
    }
    return Gamma.regularizedGammaQ(0.5 * degreesOfFreedom, 0.5 * x, 1e-15, 100_000);
  }
}
