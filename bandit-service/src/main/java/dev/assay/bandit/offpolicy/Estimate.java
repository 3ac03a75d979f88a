package dev.assay.bandit.offpolicy;

/** A policy-value estimate with its standard error and 95% normal-approximation interval. */
public record Estimate(double value, double standardError, double lower95, double upper95) {
  private static final double Z = 1.959963984540054;

  /** An estimate with interval value +- 1.96 * standardError. */
  static Estimate of(double value, double standardError) {
    return new Estimate(value, standardError, value - Z * standardError, value + Z * standardError);
  }

  /** The mean of {@code terms} with standard error sd / sqrt(n). */
  static Estimate meanOf(double[] terms) {
    int n = terms.length;
    double mean = 0;
    for (double t : terms) {
      mean += t;
    }
    mean /= n;
    double ss = 0;
    for (double t : terms) {
      ss += (t - mean) * (t - mean);
    }
    return of(mean, Math.sqrt(ss / (n - 1) / n));
  }
}
