package dev.assay.assignment.overrides;

import dev.assay.assignment.catalog.Revision;
import dev.assay.assignment.replica.ReplicaState;
import dev.assay.assignment.store.AssignmentStore;
import dev.assay.runtime.errors.NotFoundException;
import dev.assay.runtime.log.EventLog;
import dev.assay.runtime.resources.Page;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Sets, deletes and lists per-unit overrides. Writes are validated fully, go to the store first
 * (all or nothing), then to this replica; other replicas follow the store's announcements.
 */
public final class OverrideRegistry {
  private final AssignmentStore store;
  private final ReplicaState state;
  private final Clock clock;

  /** Writes to {@code store}, applies to {@code state}, stamps writes with {@code clock}. */
  public OverrideRegistry(AssignmentStore store, ReplicaState state, Clock clock) {
    this.store = store;
    this.state = state;
    this.clock = clock;
  }

  /**
   * Sets one override, replacing any for the same unit.
   *
   * @return the override this replica held for the unit just before (if any), and the new one
   */
  public Revision<UnitOverride> set(UnitOverride draft) {
    Instant now = clock.instant();
    OverrideValidator.validate(draft, state.get(), now);
    UnitOverride override = draft.createdAt(now);
    UnitOverride previous = held(override.target(), override.unitId());
    write(override.target(), List.of(override));
    EventLog.info(
        "override.set",
        "kind",
        override.target().kind(),
        "key",
        override.target().key(),
        "unit_id",
        override.unitId(),
        "set_by",
        override.setBy());
    return new Revision<>(previous, override);
  }

  /** Sets the same outcome for many units in one atomic write. */
  public BatchRevision setMany(UnitOverride template, List<String> unitIds) {
    Instant now = clock.instant();
    OverrideValidator.validateBulk(template, unitIds, state.get(), now);
    UnitOverride stamped = template.createdAt(now);
    List<UnitOverride> overrides = unitIds.stream().map(stamped::forUnit).toList();
    List<UnitOverride> replaced = new ArrayList<>();
    for (String unitId : unitIds) {
      UnitOverride previous = held(template.target(), unitId);
      if (previous != null) {
        replaced.add(previous);
      }
    }
    write(template.target(), overrides);
    EventLog.info(
        "override.bulk_set",
        "kind",
        template.target().kind(),
        "key",
        template.target().key(),
        "units",
        overrides.size(),
        "set_by",
        template.setBy());
    return new BatchRevision(stamped, unitIds, replaced);
  }

  /**
   * Deletes one override; NotFoundException if there is none.
   *
   * @return the override as this replica held it just before, or null if the replica had not seen
   *     it yet (another replica's write that has not reached this one)
   */
  public @Nullable UnitOverride delete(OverrideTarget target, String unitId) {
    OverrideValidator.validateTarget(target, "target");
    OverrideValidator.validateUnitId(unitId);
    UnitOverride previous = held(target, unitId);
    if (!store.deleteOverride(target, unitId)) {
      throw new NotFoundException("no override of " + describe(target) + " for unit " + unitId);
    }
    state.applyOverride(target, unitId, null);
    EventLog.info(
        "override.deleted", "kind", target.kind(), "key", target.key(), "unit_id", unitId);
    return previous;
  }

  /** A page of the active overrides of one target in unit-id order, as this replica holds them. */
  public Page<UnitOverride> list(OverrideTarget target, int pageSize, String pageToken) {
    OverrideValidator.validateTarget(target, "target");
    Instant now = clock.instant();
    List<UnitOverride> active = new ArrayList<>();
    for (UnitOverride o : state.overridesOf(target)) {
      if (o.isActiveAt(now)) {
        active.add(o);
      }
    }
    active.sort(Comparator.comparing(UnitOverride::unitId));
    return Page.of(active, UnitOverride::unitId, pageSize, pageToken);
  }

  private void write(OverrideTarget target, List<UnitOverride> overrides) {
    store.putOverrides(target, overrides);
    overrides.forEach(o -> state.applyOverride(target, o.unitId(), o));
  }

  private @Nullable UnitOverride held(OverrideTarget target, String unitId) {
    return target.kind() == OverrideTarget.Kind.EXPERIMENT
        ? state.forExperiment(target.key(), unitId)
        : state.forFlag(target.key(), unitId);
  }

  private static String describe(OverrideTarget target) {
    return (target.kind() == OverrideTarget.Kind.EXPERIMENT ? "experiment " : "flag ")
        + target.key();
  }
}
