package dev.assay.bandit.policy;

import java.util.Map;
import org.apache.commons.math3.distribution.BetaDistribution;
import org.apache.commons.math3.random.RandomGenerator;

/**
 * Beta(alpha, beta) belief about a Bernoulli mean (conjugate update: alpha += r, beta += 1 - r).
 */
record BetaPosterior(double alpha, double beta) implements ArmPosterior {

  /** The posterior after {@code stats} under a Beta(priorAlpha, priorBeta) prior. */
  static BetaPosterior of(double priorAlpha, double priorBeta, ArmStats stats) {
    return new BetaPosterior(
        priorAlpha + stats.rewardSum(), priorBeta + stats.pulls() - stats.rewardSum());
  }

  @Override
  public Map<String, Double> parameters() {
    return Map.of("alpha", alpha, "beta", beta);
  }

  @Override
  public double mean() {
    return alpha / (alpha + beta);
  }

  @Override
  public double lower95() {
    return new BetaDistribution(null, alpha, beta).inverseCumulativeProbability(0.025);
  }

  @Override
  public double upper95() {
    return new BetaDistribution(null, alpha, beta).inverseCumulativeProbability(0.975);
  }

  @Override
  public double sample(RandomGenerator rng) {
    return new BetaDistribution(rng, alpha, beta).sample();
  }
}
