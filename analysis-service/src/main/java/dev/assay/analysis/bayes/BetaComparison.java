package dev.assay.analysis.bayes;

import org.apache.commons.math3.special.Beta;

/**
 * Exact comparisons of two independent Beta posteriors: P(X > Y) by the closed-form sum of Evan
 * Miller ("Formulas for Bayesian A/B Testing", 2015; requires an integer alpha for X), and the
 * expected loss E[max(Y - X, 0)] of choosing X (Chris Stucchio, "Bayesian A/B Testing at VWO",
 * 2015).
 */
public final class BetaComparison {
  private BetaComparison() {}

  /** Whether the closed forms apply: the posterior's alpha is a whole number. */
  public static boolean isSupported(BetaPosterior x) {
    return x.alpha() == Math.rint(x.alpha()) && x.alpha() >= 1;
  }

  /**
   * P(X > Y) = sum_{i=0}^{alpha_X - 1} B(alpha_Y + i, beta_Y + beta_X) / ((beta_X + i) B(1 + i,
   * beta_X) B(alpha_Y, beta_Y)), each term from log-betas (so 10^7 terms keep full precision).
   */
  public static double probabilityGreater(BetaPosterior x, BetaPosterior y) {
    if (!isSupported(x)) {
      throw new IllegalArgumentException("alpha of X must be a whole number: " + x.alpha());
    }
    long terms = (long) x.alpha();
    double logNormalizer = Beta.logBeta(y.alpha(), y.beta());
    double betaSum = y.beta() + x.beta();
    double total = 0.0;
    for (long i = 0; i < terms; i++) {
      double logTerm =
          Beta.logBeta(y.alpha() + i, betaSum)
              - Math.log(x.beta() + i)
              - Beta.logBeta(1.0 + i, x.beta())
              - logNormalizer;
      total += Math.exp(logTerm);
    }
    return Math.min(1.0, Math.max(0.0, total));
  }

  /**
   * E[max(Y - X, 0)]: what is lost, in rate, by choosing X when Y may be better: mean(Y) P(Y+ > X)
   * - mean(X) P(Y > X+), where + adds one to alpha. Both alphas must be whole.
   */
  public static double expectedLoss(BetaPosterior x, BetaPosterior y) {
    double yPlusWins = probabilityGreater(new BetaPosterior(y.alpha() + 1, y.beta()), x);
    double yWinsOverXPlus = probabilityGreater(y, new BetaPosterior(x.alpha() + 1, x.beta()));
    return Math.max(0.0, y.mean() * yPlusWins - x.mean() * yWinsOverXPlus);
  }
}
