package dev.assay.bandit.propensity;

/**
 * The probability with which a policy, in a given state, picks an arm: exact (closed form) or a
 * Monte Carlo estimate over {@code samples} draws with its standard error.
 */
public record Propensity(double value, boolean exact, int samples, double standardError) {

  /** A closed-form probability. */
  public static Propensity exact(double value) {
    return new Propensity(value, true, 0, 0.0);
  }

  /**
   * A Monte Carlo estimate: {@code wins} of {@code samples} draws, standard error sqrt(p(1-p)/M).
   */
  public static Propensity monteCarlo(long wins, int samples) {
    double p = (double) wins / samples;
    return new Propensity(p, false, samples, Math.sqrt(p * (1 - p) / samples));
  }
}
