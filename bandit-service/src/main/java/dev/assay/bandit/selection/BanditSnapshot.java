package dev.assay.bandit.selection;

import dev.assay.bandit.definition.ArmDefinition;
import dev.assay.bandit.definition.BanditDefinition;
import dev.assay.bandit.policy.ArmStats;
import dev.assay.bandit.policy.Policy;
import dev.assay.bandit.policy.PreparedPolicy;
import dev.assay.bandit.store.StoredBandit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One bandit frozen for selection: its definition, every arm's statistics (decayed to the snapshot
 * time when discounting), and the policy prepared over the active arms. Immutable and shared.
 */
public record BanditSnapshot(
    StoredBandit source,
    Policy policy,
    Map<String, ArmStats> armStats,
    List<String> activeArmIds,
    PreparedPolicy prepared,
    long takenAtMillis) {

  /** Builds the snapshot of {@code stored} at {@code nowMillis}. */
  public static BanditSnapshot of(StoredBandit stored, Policy policy, long nowMillis) {
    BanditDefinition d = stored.definition();
    int dimension = d.policy().contextDimension();
    long halfLife = d.discountHalfLife().toMillis();
    Map<String, ArmStats> stats = new LinkedHashMap<>();
    for (ArmDefinition arm : d.arms()) {
      Map<String, Double> fields = stored.armFields().getOrDefault(arm.id(), Map.of());
      stats.put(arm.id(), ArmStats.fromFields(fields, dimension).decayedTo(nowMillis, halfLife));
    }
    List<String> active = d.activeArms().stream().map(ArmDefinition::id).toList();
    List<ArmStats> activeStats = new ArrayList<>();
    for (ArmDefinition arm : d.activeArms()) {
      activeStats.add(stats.getOrDefault(arm.id(), ArmStats.empty(dimension)));
    }
    PreparedPolicy prepared = policy.prepare(activeStats);
    return new BanditSnapshot(stored, policy, stats, active, prepared, nowMillis);
  }

  /** The statistics of arm {@code armId}, retired or not. */
  public ArmStats stats(String armId) {
    ArmStats stats = armStats.get(armId);
    if (stats == null) {
      throw new IllegalArgumentException("no arm '" + armId + "' in bandit " + definition().key());
    }
    return stats;
  }

  /** The bandit's definition. */
  public BanditDefinition definition() {
    return source.definition();
  }
}
