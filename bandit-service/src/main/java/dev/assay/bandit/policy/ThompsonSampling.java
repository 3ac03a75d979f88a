package dev.assay.bandit.policy;

import dev.assay.bandit.definition.PolicySpec;
import dev.assay.bandit.propensity.MonteCarloPropensity;
import dev.assay.bandit.propensity.Propensity;
import java.util.List;
import java.util.function.Function;
import org.apache.commons.math3.random.RandomGenerator;
import org.jspecify.annotations.Nullable;

/**
 * Thompson sampling (Thompson 1933; Agrawal and Goyal 2012): draw each arm's mean from its
 * posterior and play the largest draw. Its selection probability has no closed form, so it is
 * estimated by Monte Carlo once per state and reported with its standard error.
 */
final class ThompsonSampling implements Policy {
  private final Function<ArmStats, ArmPosterior> posterior;
  private final int propensityDraws;
  private final RandomSource random;

  private ThompsonSampling(
      Function<ArmStats, ArmPosterior> posterior, int propensityDraws, RandomSource random) {
    this.posterior = posterior;
    this.propensityDraws = propensityDraws;
    this.random = random;
  }

  /** Bernoulli rewards in [0, 1] with a Beta prior. */
  static ThompsonSampling bernoulli(
      PolicySpec.ThompsonBernoulli spec, int propensityDraws, RandomSource random) {
    return new ThompsonSampling(
        s -> BetaPosterior.of(spec.priorAlpha(), spec.priorBeta(), s), propensityDraws, random);
  }

  /** Normal rewards with unknown mean and variance and a Normal-Gamma prior. */
  static ThompsonSampling gaussian(
      PolicySpec.ThompsonGaussian spec, int propensityDraws, RandomSource random) {
    return new ThompsonSampling(
        s ->
            NormalGammaPosterior.of(
                spec.priorMean(),
                spec.priorPrecisionWeight(),
                spec.priorShape(),
                spec.priorRate(),
                s),
        propensityDraws,
        random);
  }

  @Override
  public ArmPosterior posterior(ArmStats stats) {
    return posterior.apply(stats);
  }

  @Override
  public PreparedPolicy prepare(List<ArmStats> arms) {
    return new Prepared(
        arms.stream().map(posterior).toArray(ArmPosterior[]::new), propensityDraws, random);
  }

  private static final class Prepared implements PreparedPolicy {
    private final ArmPosterior[] posteriors;
    private final int draws;
    private final RandomSource random;
    private volatile long @Nullable [] wins;

    Prepared(ArmPosterior[] posteriors, int draws, RandomSource random) {
      this.posteriors = posteriors;
      this.draws = draws;
      this.random = random;
    }

    @Override
    public int choose(double[] context, RandomGenerator rng) {
      return MonteCarloPropensity.largestDraw(posteriors, rng);
    }

    @Override
    public Propensity propensity(int arm, double[] context) {
      long[] counts = wins;
      if (counts == null) {
        synchronized (this) {
          counts = wins;
          if (counts == null) {
            counts =
                MonteCarloPropensity.winCounts(List.of(posteriors), draws, random.newGenerator());
            wins = counts;
          }
        }
      }
      return Propensity.monteCarlo(counts[arm], draws);
    }
  }
}
