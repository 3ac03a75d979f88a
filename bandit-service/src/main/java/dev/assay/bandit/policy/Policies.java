package dev.assay.bandit.policy;

import dev.assay.bandit.definition.PolicySpec;

/**
 * Builds the {@link Policy} a {@link PolicySpec} describes, with the service's Monte Carlo
 * precision and randomness.
 */
public final class Policies {
  private final int propensityDraws;
  private final RandomSource random;

  /**
   * Thompson propensities use {@code propensityDraws} draws (standard error at most 0.5/sqrt(M):
   * 0.005 for 10,000) from generators of {@code random}.
   */
  public Policies(int propensityDraws, RandomSource random) {
    this.propensityDraws = propensityDraws;
    this.random = random;
  }

  /** The policy for {@code spec}. */
  public Policy forSpec(PolicySpec spec) {
    if (spec instanceof PolicySpec.ThompsonBernoulli s) {
      return ThompsonSampling.bernoulli(s, propensityDraws, random);
    } else if (spec instanceof PolicySpec.ThompsonGaussian s) {
      return ThompsonSampling.gaussian(s, propensityDraws, random);
    } else if (spec instanceof PolicySpec.Ucb1 s) {
      return new Ucb1Policy(s);
    } else if (spec instanceof PolicySpec.EpsilonGreedy s) {
      return new EpsilonGreedyPolicy(s);
    } else if (spec instanceof PolicySpec.LinUcb s) {
      return new LinUcbPolicy(s);
    }
    throw new IllegalArgumentException("unknown policy " + spec);
  }
}
