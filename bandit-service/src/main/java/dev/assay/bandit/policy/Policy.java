package dev.assay.bandit.policy;

import dev.assay.bandit.definition.PolicySpec;
import java.util.List;
import java.util.Optional;

/**
 * A bandit policy: turns the active arms' statistics into a {@link PreparedPolicy} that chooses
 * arms and states its selection probabilities, and describes each arm's posterior for inspection.
 */
public interface Policy {
  /** The configuration this policy was built from. */
  PolicySpec spec();

  /** The policy in the state given by {@code arms} (the active arms, in order). */
  PreparedPolicy prepare(List<ArmStats> arms);

  /** The belief about one arm's mean reward that inspection reports. */
  ArmPosterior posterior(ArmStats stats);

  /** Why {@code reward} is out of range for this policy, or empty when it is acceptable. */
  Optional<String> rewardProblem(double reward);

  /** Whether probability-of-being-best is meaningful (false for contextual policies). */
  default boolean reportsProbabilityBest() {
    return true;
  }

  /** Shared check for policies that take rewards in [0, 1]. */
  static Optional<String> unitIntervalProblem(double reward) {
    return reward >= 0.0 && reward <= 1.0
        ? Optional.empty()
        : Optional.of("must be in [0, 1] for this policy, got " + reward);
  }

  /** Shared check for policies that take any finite reward. */
  static Optional<String> finiteProblem(double reward) {
    return Double.isFinite(reward)
        ? Optional.empty()
        : Optional.of("must be a finite number, got " + reward);
  }
}
