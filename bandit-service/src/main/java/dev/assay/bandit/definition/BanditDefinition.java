package dev.assay.bandit.definition;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A bandit as configured: its arms, policy, how long decisions take rewards, and optional
 * discounting ({@code discountHalfLife} zero = none), and how long a unit keeps its arm ({@code
 * stickyDuration} zero = not sticky). {@code version} grows with every change.
 */
public record BanditDefinition(
    String key,
    String description,
    List<ArmDefinition> arms,
    PolicySpec policy,
    Duration decisionTtl,
    Duration discountHalfLife,
    Duration stickyDuration,
    boolean archived,
    long version) {

  /** Defensive copy of the arm list. */
  public BanditDefinition {
    arms = List.copyOf(arms);
  }

  /** The arms that may be selected, in definition order. */
  public List<ArmDefinition> activeArms() {
    return arms.stream().filter(a -> !a.retired()).toList();
  }

  /** The arm with this id, retired or not. */
  public Optional<ArmDefinition> arm(String armId) {
    return arms.stream().filter(a -> a.id().equals(armId)).findFirst();
  }

  /** Whether a unit keeps its arm for {@code stickyDuration} after its first selection. */
  public boolean isSticky() {
    return !stickyDuration.isZero();
  }

  /** Whether rewards are discounted over time. */
  public boolean isDiscounted() {
    return !discountHalfLife.isZero();
  }

  /** A copy with another version. */
  public BanditDefinition withVersion(long newVersion) {
    return copy(policy, archived, newVersion);
  }

  /** A copy marked archived. */
  public BanditDefinition asArchived() {
    return copy(policy, true, version);
  }

  /** A copy with another policy (off-policy evaluation of a configuration on this bandit). */
  public BanditDefinition withPolicy(PolicySpec newPolicy) {
    return copy(newPolicy, archived, version);
  }

  private BanditDefinition copy(PolicySpec newPolicy, boolean isArchived, long newVersion) {
    return new BanditDefinition(
        key,
        description,
        arms,
        newPolicy,
        decisionTtl,
        discountHalfLife,
        stickyDuration,
        isArchived,
        newVersion);
  }
}
