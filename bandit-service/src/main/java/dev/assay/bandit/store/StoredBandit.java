package dev.assay.bandit.store;

import dev.assay.bandit.definition.BanditDefinition;
import java.util.Map;

/**
 * A bandit as the store holds it: its definition and, per arm id, the stored statistic fields
 * (see {@link dev.assay.bandit.policy.ArmStats#fromFields}); arms without rewards may be absent.
 */
public record StoredBandit(BanditDefinition definition, Map<String, Map<String, Double>> armFields) {
  /** Defensive copy. */
  public StoredBandit {
    armFields = Map.copyOf(armFields);
  }
}
