package dev.assay.assignment.store;

import dev.assay.assignment.definitions.Experiment;
import dev.assay.assignment.definitions.FeatureFlag;
import dev.assay.assignment.overrides.OverrideTarget;
import dev.assay.assignment.overrides.UnitOverride;
import dev.assay.runtime.redis.StoreMonitor;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The source of truth for definitions and overrides: Redis, or memory when no Redis is configured.
 * Every write is atomic and announced to every subscribed replica. Writes throw {@code
 * UnavailableException} when the store cannot be reached, having changed nothing.
 */
public interface AssignmentStore extends AutoCloseable {
  /**
   * Human-readable description for logs, e.g. {@code in-memory} or {@code redis://host:6379}; never
   * a credential.
   */
  String description();

  /** The stored experiments. */
  DefinitionStore<Experiment> experiments();

  /** The stored feature flags. */
  DefinitionStore<FeatureFlag> flags();

  /** Writes overrides of one target, all or nothing, replacing those of the same units. */
  void putOverrides(OverrideTarget target, List<UnitOverride> overrides);

  /** Deletes one override; false if there was none. */
  boolean deleteOverride(OverrideTarget target, String unitId);

  /** The override of one unit. */
  Optional<UnitOverride> findOverride(OverrideTarget target, String unitId);

  /** Every override of one target. */
  List<UnitOverride> loadOverrides(OverrideTarget target);

  /** Every override of every target. */
  List<UnitOverride> loadAllOverrides();

  /**
   * Writes back what a replica holds after the store lost it: each definition unless the same or a
   * newer version is stored, each override unless its unit has one stored. Returns how many items
   * it wrote.
   */
  long restore(
      List<Experiment> experiments,
      List<FeatureFlag> flags,
      Map<OverrideTarget, List<UnitOverride>> overrides);

  /**
   * The monitor deciding when replicas resync and guarding against a lost store, for a store that
   * can lose data (Redis); empty for one that cannot (memory).
   */
  default Optional<StoreMonitor> monitor() {
    return Optional.empty();
  }

  /** Delivers every later change to {@code listener}. */
  void subscribe(ChangeListener listener);

  /** Stops announcing and releases what this store opened (never a shared client). */
  @Override
  void close();
}
