package dev.assay.bandit.propensity;

import dev.assay.bandit.policy.ArmPosterior;
import java.util.List;
import org.apache.commons.math3.random.RandomGenerator;

/**
 * Estimates, for each arm, the probability that its posterior draw is the largest: the selection
 * probability of Thompson sampling and the posterior probability of being best.
 */
public final class MonteCarloPropensity {
  private MonteCarloPropensity() {}

  /** Win counts per arm over {@code draws} joint posterior draws. */
  public static long[] winCounts(
      List<? extends ArmPosterior> posteriors, int draws, RandomGenerator rng) {
    ArmPosterior[] arms = posteriors.toArray(ArmPosterior[]::new);
    long[] wins = new long[arms.length];
    if (arms.length == 0) {
      return wins;
    }
    for (int d = 0; d < draws; d++) {
      wins[largestDraw(arms, rng)]++;
    }
    return wins;
  }

  /**
   * Draws once from every posterior and returns the index of the largest draw (first on ties): one
   * Thompson-sampling choice. An array, not a list: this is the innermost loop of selection.
   */
  public static int largestDraw(ArmPosterior[] posteriors, RandomGenerator rng) {
    int best = 0;
    double bestValue = Double.NEGATIVE_INFINITY;
    for (int a = 0; a < posteriors.length; a++) {
      double v = posteriors[a].sample(rng);
      if (v > bestValue) {
        bestValue = v;
        best = a;
      }
    }
    return best;
  }
}
