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
    Optional<Duration> stickyDuration) {}
