package dev.assay.bandit.policy;

import java.util.Map;
import org.apache.commons.math3.distribution.GammaDistribution;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.random.RandomGenerator;

/**
 * Normal-Gamma belief about (mean, precision) of Normal rewards with unknown variance; the marginal
 * of the mean is Student-t with 2*shape degrees of freedom (Murphy 2007, "Conjugate Bayesian
 * analysis of the Gaussian distribution", section 3).
 */
record NormalGammaPosterior(double location, double precisionWeight, double shape, double rate)
    implements ArmPosterior {

  /** The posterior after {@code stats} under a Normal-Gamma(mu0, kappa0, alpha0, beta0) prior. */
  static NormalGammaPosterior of(
      double mu0, double kappa0, double alpha0, double beta0, ArmStats stats) {
    double n = stats.pulls();
    if (n <= 0) {
      return new NormalGammaPosterior(mu0, kappa0, alpha0, beta0);
    }
    double mean = stats.rewardSum() / n;
    double scatter = Math.max(0.0, stats.rewardSquares() - n * mean * mean);
    double kappa = kappa0 + n;
    double location = (kappa0 * mu0 + n * mean) / kappa;
    double shape = alpha0 + n / 2.0;
    double rate = beta0 + 0.5 * scatter + kappa0 * n * (mean - mu0) * (mean - mu0) / (2.0 * kappa);
    return new NormalGammaPosterior(location, kappa, shape, rate);
  }

  /**
   * The Normal-Gamma(0, 1, 1, 1) posterior that policies without a posterior of their own
   * (epsilon-greedy, LinUCB) report for inspection.
   */
  static NormalGammaPosterior reference(ArmStats stats) {
    return of(0, 1, 1, 1, stats);
  }

  @Override
  public Map<String, Double> parameters() {
    return Map.of(
        "mean", location, "precision_weight", precisionWeight, "shape", shape, "rate", rate);
  }

  @Override
  public double mean() {
    return location;
  }

  private double halfWidth() {
    double scale = Math.sqrt(rate / (shape * precisionWeight));
    return new TDistribution(null, 2 * shape).inverseCumulativeProbability(0.975) * scale;
  }

  @Override
  public double lower95() {
    return location - halfWidth();
  }

  @Override
  public double upper95() {
    return location + halfWidth();
  }

  @Override
  public double sample(RandomGenerator rng) {
    double precision = new GammaDistribution(rng, shape, 1.0 / rate).sample();
    return location + rng.nextGaussian() / Math.sqrt(precisionWeight * precision);
  }
}
