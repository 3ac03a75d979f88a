package dev.assay.bandit.policy;

import dev.assay.bandit.definition.PolicySpec;
import dev.assay.bandit.propensity.MonteCarloPropensity;
import dev.assay.bandit.propensity.Propensity;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;

/**
 * Thompson sampling (Thompson 1933; Agrawal and Goyal 2012): draw each arm's mean from its
 * posterior and play the largest draw. Its selection probability has no closed form, so it is
 * estimated by Monte Carlo once per state and reported with its standard error.
 */
public final class ThompsonSampling implements Policy {
  private final PolicySpec spec;
  private final Function<ArmStats, ArmPosterior> posterior;
  private final boolean unitRewards;
  private final int propensityDraws;

  private ThompsonSampling(
      PolicySpec spec,
      Function<ArmStats, ArmPosterior> posterior,
      boolean unitRewards,
      int propensityDraws) {
    this.spec = spec;
    this.posterior = posterior;
    this.unitRewards = unitRewards;
    this.propensityDraws = propensityDraws;
  }

  /** Bernoulli rewards in [0, 1] with a Beta prior. */
  public static ThompsonSampling bernoulli(PolicySpec.ThompsonBernoulli spec, int propensityDraws) {
    return new ThompsonSampling(
        spec, s -> BetaPosterior.of(spec.priorAlpha(), spec.priorBeta(), s), true, propensityDraws);
  }

  /** Normal rewards with unknown mean and variance and a Normal-Gamma prior. */
  public static ThompsonSampling gaussian(PolicySpec.ThompsonGaussian spec, int propensityDraws) {
    return new ThompsonSampling(
        spec,
        s ->
            NormalGammaPosterior.of(
                spec.priorMean(),
                spec.priorPrecisionWeight(),
                spec.priorShape(),
                spec.priorRate(),
                s),
        false,
        propensityDraws);
  }

  @Override
  public PolicySpec spec() {
    return spec;
  }

  @Override
  public ArmPosterior posterior(ArmStats stats) {
    return posterior.apply(stats);
  }

  @Override
  public Optional<String> rewardProblem(double reward) {
    return unitRewards ? Policy.unitIntervalProblem(reward) : Policy.finiteProblem(reward);
  }

  @Override
  public PreparedPolicy prepare(List<ArmStats> arms) {
    return new Prepared(arms.stream().map(posterior).toList(), propensityDraws);
  }

  private static final class Prepared implements PreparedPolicy {
    private final List<ArmPosterior> posteriors;
    private final int draws;
    private volatile long[] wins;

    Prepared(List<ArmPosterior> posteriors, int draws) {
      this.posteriors = posteriors;
      this.draws = draws;
    }

    @Override
    public int choose(double[] context, RandomGenerator rng) {
      int best = 0;
      double bestValue = Double.NEGATIVE_INFINITY;
      for (int a = 0; a < posteriors.size(); a++) {
        double v = posteriors.get(a).sample(rng);
        if (v > bestValue) {
          bestValue = v;
          best = a;
        }
      }
      return best;
    }

    @Override
    public Propensity propensity(int arm, double[] context) {
      long[] counts = wins;
      if (counts == null) {
        synchronized (this) {
          counts = wins;
          if (counts == null) {
            counts =
                MonteCarloPropensity.winCounts(
                    posteriors, draws, new Well19937c(ThreadLocalRandom.current().nextLong()));
            wins = counts;
          }
        }
      }
      return Propensity.monteCarlo(counts[arm], draws);
    }
  }
}
