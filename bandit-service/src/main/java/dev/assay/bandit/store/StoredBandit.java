package dev.assay.bandit.store;

import dev.assay.bandit.definition.BanditDefinition;
import java.util.Map;

/**
 * A bandit as the store holds it: its definition, per arm id the stored statistic fields (see
 * {@link dev.assay.bandit.policy.ArmStats#fromFields}; arms without rewards may be absent), and the
 * revision of those statistics, which grows with every applied reward batch and reset.
 */
public record StoredBandit(
    BanditDefinition definition, Map<String, Map<String, Double>> armFields, long revision) {
  /** Defensive copy. */
  public StoredBandit {
    armFields = Map.copyOf(armFields);
  }

  /**
   * Whether this copy is at definition version {@code version} and statistics revision {@code rev}.
   */
  public boolean isAt(long version, long rev) {
    return definition.version() == version && revision == rev;
  }
}
