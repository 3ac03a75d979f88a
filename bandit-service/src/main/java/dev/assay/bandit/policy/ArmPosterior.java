package dev.assay.bandit.policy;

import java.util.Map;
import org.apache.commons.math3.random.RandomGenerator;

/** A belief about one arm's mean reward: parameters, mean, a 95% interval and draws. */
public interface ArmPosterior {
  /** Named parameters, e.g. {@code alpha} and {@code beta}. */
  Map<String, Double> parameters();

  /** Posterior mean of the arm's mean reward. */
  double mean();

  /** Lower end of the central 95% credible interval. */
  double lower95();

  /** Upper end of the central 95% credible interval. */
  double upper95();

  /** One draw of the arm's mean reward. */
  double sample(RandomGenerator rng);
}
