package dev.assay.bandit.policy;

import dev.assay.bandit.propensity.Propensity;
import org.apache.commons.math3.random.RandomGenerator;

/**
 * A policy frozen in one state: safe to share between threads. Arm indices refer to the active
 * arms.
 */
public interface PreparedPolicy {
  /** Chooses an arm index for this context (empty for non-contextual policies). */
  int choose(double[] context, RandomGenerator rng);

  /** The probability that {@link #choose} returns {@code arm} for this context. */
  Propensity propensity(int arm, double[] context);

  /**
   * The propensity of each of the first {@code arms} arms for this context; a policy whose
   * propensities share work for one context overrides this to do that work once.
   */
  default double[] propensities(int arms, double[] context) {
    double[] out = new double[arms];
    for (int a = 0; a < arms; a++) {
      out[a] = propensity(a, context).value();
    }
    return out;
  }
}
