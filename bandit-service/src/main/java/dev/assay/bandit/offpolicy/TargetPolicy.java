package dev.assay.bandit.offpolicy;

import dev.assay.bandit.definition.PolicySpec;

/** The policy whose value off-policy evaluation estimates. */
public sealed interface TargetPolicy {
  /** Always the same arm. */
  record FixedArm(String armId) implements TargetPolicy {}

  /** Uniformly at random over the candidate arms. */
  record Uniform() implements TargetPolicy {}

  /** Another bandit's policy in its current state (its replica snapshot). */
  record BanditPolicy(String banditKey) implements TargetPolicy {}

  /**
   * A policy configuration, in the state the logged data implies: the logged bandit's current
   * statistics, or for caller records the statistics of those records.
   */
  record Configured(PolicySpec policy) implements TargetPolicy {}
}
