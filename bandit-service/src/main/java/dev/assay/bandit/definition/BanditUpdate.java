package dev.assay.bandit.definition;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The fields an update changes; empty fields are left as they are. */
public record BanditUpdate(
    Optional<String> description,
    Optional<List<ArmDefinition>> arms,
    Optional<PolicySpec> policy,
    Optional<Duration> decisionTtl,
    Optional<Duration> discountHalfLife,
    Optional<Duration> stickyDuration) {

  /** Whether the update changes nothing. */
  public boolean isEmpty() {
    return description.isEmpty()
        && arms.isEmpty()
        && policy.isEmpty()
        && decisionTtl.isEmpty()
        && discountHalfLife.isEmpty()
        && stickyDuration.isEmpty();
  }

  /** {@code current} with this update's fields replaced (same key, state and version). */
  BanditDefinition applyTo(BanditDefinition current) {
    return new BanditDefinition(
        current.key(),
        description.orElse(current.description()),
        arms.orElse(current.arms()),
        policy.orElse(current.policy()),
        decisionTtl.orElse(current.decisionTtl()),
        discountHalfLife.orElse(current.discountHalfLife()),
        stickyDuration.orElse(current.stickyDuration()),
        current.archived(),
        current.version());
  }
}
