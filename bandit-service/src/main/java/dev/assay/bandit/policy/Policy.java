package dev.assay.bandit.policy;

import java.util.List;
import java.util.Map;

/**
 * A bandit policy: turns the active arms' statistics into a {@link PreparedPolicy} that chooses
 * arms and states its selection probabilities, and describes each arm's posterior for inspection.
 * The rewards a policy takes are a property of its configuration ({@code
 * PolicySpec#takesUnitRewards}).
 */
public interface Policy {
  /** The policy in the state given by {@code arms} (the active arms, in order). */
  PreparedPolicy prepare(List<ArmStats> arms);

  /** The belief about one arm's mean reward that inspection reports. */
  ArmPosterior posterior(ArmStats stats);

  /**
   * The parameters inspection reports for one arm: its posterior's, unless the policy has its own.
   */
  default Map<String, Double> parameters(ArmStats stats) {
    return posterior(stats).parameters();
  }

  /** Whether probability-of-being-best is meaningful (false for contextual policies). */
  default boolean reportsProbabilityBest() {
    return true;
  }
}
