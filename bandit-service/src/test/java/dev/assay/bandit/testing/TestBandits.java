package dev.assay.bandit.testing;

import dev.assay.bandit.definition.ArmDefinition;
import dev.assay.bandit.definition.BanditDefinition;
import dev.assay.bandit.definition.PolicySpec;
import java.time.Duration;
import java.util.Arrays;

/** Bandit definitions for tests. */
public final class TestBandits {
  private TestBandits() {}

  /** A Thompson-Bernoulli bandit with Beta(1, 1) priors and a one-hour decision TTL. */
  public static BanditDefinition bernoulli(String key, String... arms) {
    return of(key, new PolicySpec.ThompsonBernoulli(1, 1), arms);
  }

  /** A bandit with the given policy. */
  public static BanditDefinition of(String key, PolicySpec policy, String... arms) {
    return new BanditDefinition(
        key,
        "test bandit",
        Arrays.stream(arms).map(a -> new ArmDefinition(a, false)).toList(),
        policy,
        Duration.ofHours(1),
        Duration.ZERO,
        Duration.ZERO,
        false,
        0);
  }
}
