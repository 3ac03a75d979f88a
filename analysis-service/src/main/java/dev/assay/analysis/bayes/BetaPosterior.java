package dev.assay.analysis.bayes;

import dev.assay.analysis.distributions.BetaQuantile;
import dev.assay.analysis.inference.Interval;

/**
 * A Beta(alpha, beta) posterior of a conversion rate: prior Beta(a0, b0) updated with successes and
 * failures.
 *
 * @param alpha posterior alpha, a0 + successes
 * @param beta posterior beta, b0 + failures
 */
public record BetaPosterior(double alpha, double beta) {
  /** The posterior after observing {@code successes} of {@code trials} under prior Beta(a0, b0). */
  public static BetaPosterior update(
      double priorAlpha, double priorBeta, long successes, long trials) {
    return new BetaPosterior(priorAlpha + successes, priorBeta + (trials - successes));
  }

  /** The posterior mean alpha / (alpha + beta). */
  public double mean() {
    return alpha / (alpha + beta);
  }

  /** The equal-tailed credible interval at {@code level} (scipy.stats.beta.interval). */
  public Interval credibleInterval(double level) {
    double tail = (1.0 - level) / 2.0;
    return new Interval(
        BetaQuantile.lower(tail, alpha, beta), BetaQuantile.upper(tail, alpha, beta));
  }
}
