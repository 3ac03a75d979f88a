package dev.assay.bandit.offpolicy;

/** The policy whose value off-policy evaluation estimates. */
public sealed interface TargetPolicy {
  /** Always the same arm. */
  record FixedArm(String armId) implements TargetPolicy {}

  /** Uniformly at random over the candidate arms. */
  record Uniform() implements TargetPolicy {}

  /** Another bandit's policy in its current state (its replica snapshot). */
  record BanditPolicy(String banditKey) implements TargetPolicy {}
}
