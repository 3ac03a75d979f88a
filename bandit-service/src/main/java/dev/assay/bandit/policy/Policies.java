package dev.assay.bandit.policy;

import dev.assay.bandit.definition.PolicySpec;

/** Builds the {@link Policy} a {@link PolicySpec} describes. */
public final class Policies {
  /** Monte Carlo draws behind Thompson propensities: standard error at most 0.5/sqrt(M) = 0.005. */
  public static final int DEFAULT_PROPENSITY_DRAWS = 10_000;

  private Policies() {}

  /** The policy for {@code spec} with the default Monte Carlo precision. */
  public static Policy forSpec(PolicySpec spec) {
    return forSpec(spec, DEFAULT_PROPENSITY_DRAWS);
  }

  /** The policy for {@code spec}; Thompson propensities use {@code propensityDraws} draws. */
  public static Policy forSpec(PolicySpec spec, int propensityDraws) {
    if (spec instanceof PolicySpec.ThompsonBernoulli s) {
      return ThompsonSampling.bernoulli(s, propensityDraws);
    } else if (spec instanceof PolicySpec.ThompsonGaussian s) {
      return ThompsonSampling.gaussian(s, propensityDraws);
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
