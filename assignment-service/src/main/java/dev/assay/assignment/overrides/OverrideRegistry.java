package dev.assay.assignment.overrides;

import dev.assay.assignment.definitions.Experiment;
import dev.assay.assignment.definitions.FeatureFlag;
import dev.assay.assignment.definitions.Limits;
import dev.assay.assignment.definitions.Variation;
import dev.assay.assignment.evaluation.CompiledExperiment;
import dev.assay.assignment.evaluation.CompiledFlag;
import dev.assay.assignment.evaluation.Definitions;
import dev.assay.assignment.replica.ReplicaState;
import dev.assay.assignment.store.AssignmentStore;
import dev.assay.runtime.errors.NotFoundException;
import dev.assay.runtime.errors.Violations;
import dev.assay.runtime.log.EventLog;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Sets, deletes and lists per-unit overrides. Writes go to the store first, all or nothing, then to
 * this replica; other replicas follow the store's announcements.
 */
public final class OverrideRegistry {
  private final AssignmentStore store;
  private final ReplicaState state;
  private final Clock clock;

  /** Writes to {@code store}, applies to {@code state}. */
  public OverrideRegistry(AssignmentStore store, ReplicaState state, Clock clock) {
    this.store = store;
    this.state = state;
    this.clock = clock;
  }

  /** Sets one override, replacing any for the same unit. */
  public UnitOverride set(UnitOverride draft) {
    UnitOverride override = stamped(draft);
    Violations v = new Violations();
    v.check(
        !Limits.isValidUnitId(override.unitId()), "override.unit_id", "must be 1-256 characters");
    checkOutcome(override, v);
    v.throwIfAny();
    store.putOverrides(override.target(), List.of(override));
    state.applyOverride(override.target(), override.unitId(), override);
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
    return override;
  }

  /** Sets the same outcome for many units in one atomic write. */
  public int setMany(UnitOverride template, List<String> unitIds) {
    UnitOverride stampedTemplate = stamped(template);
    Violations v = new Violations();
    v.check(
        !template.unitId().isEmpty(),
        "template.unit_id",
        "must be empty; list the units in unit_ids");
    v.check(
        unitIds.isEmpty() || unitIds.size() > Limits.MAX_BULK_OVERRIDES,
        "unit_ids",
        "needs 1 to 10,000 unit ids, got " + unitIds.size());
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < unitIds.size(); i++) {
      String unit = unitIds.get(i);
      v.check(!Limits.isValidUnitId(unit), "unit_ids[" + i + "]", "must be 1-256 characters");
      v.check(!seen.add(unit), "unit_ids[" + i + "]", "duplicate unit id " + unit);
    }
    checkOutcome(stampedTemplate, v);
    v.throwIfAny();
    List<UnitOverride> overrides = unitIds.stream().map(stampedTemplate::forUnit).toList();
    store.putOverrides(stampedTemplate.target(), overrides);
    overrides.forEach(o -> state.applyOverride(o.target(), o.unitId(), o));
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
    return overrides.size();
  }

  /** Deletes one override; NotFoundException if there is none. */
  public void delete(OverrideTarget target, String unitId) {
    if (!store.deleteOverride(target, unitId)) {
      throw new NotFoundException("no override of " + describe(target) + " for unit " + unitId);
    }
    state.applyOverride(target, unitId, null);
    EventLog.info(
        "override.deleted", "kind", target.kind(), "key", target.key(), "unit_id", unitId);
  }

  /** Active overrides of one target in unit-id order, as this replica holds them. */
  public List<UnitOverride> list(OverrideTarget target) {
    Instant now = clock.instant();
    List<UnitOverride> active = new ArrayList<>();
    for (UnitOverride o : state.overridesOf(target)) {
      if (o.isActiveAt(now)) {
        active.add(o);
      }
    }
    active.sort(Comparator.comparing(UnitOverride::unitId));
    return active;
  }

  private UnitOverride stamped(UnitOverride draft) {
    return new UnitOverride(
        draft.target(),
        draft.unitId(),
        draft.variationKey(),
        draft.flagValue(),
        draft.expireTime(),
        draft.reason(),
        draft.setBy(),
        clock.instant());
  }

  private void checkOutcome(UnitOverride o, Violations v) {
    v.check(
        o.reason().length() > Limits.MAX_TEXT,
        "override.reason",
        "must be at most 1024 characters");
    v.check(o.setBy().length() > 256, "override.set_by", "must be at most 256 characters");
    v.check(
        o.expireTime() != null && !o.expireTime().isAfter(clock.instant()),
        "override.expire_time",
        "must be in the future");
    Definitions definitions = state.get();
    if (o.target().kind() == OverrideTarget.Kind.EXPERIMENT) {
      CompiledExperiment compiled = definitions.experiment(o.target().key());
      if (compiled == null || compiled.definition().archived()) {
        v.add("override.target.experiment_key", "no experiment " + o.target().key());
        return;
      }
      Experiment e = compiled.definition();
      v.check(
          e.variations().stream().map(Variation::key).noneMatch(k -> k.equals(o.variationKey())),
          "override.variation_key",
          "must be one of the experiment's variation keys "
              + e.variations().stream().map(Variation::key).toList());
    } else {
      CompiledFlag compiled = definitions.flag(o.target().key());
      if (compiled == null || compiled.definition().archived()) {
        v.add("override.target.flag_key", "no flag " + o.target().key());
        return;
      }
      FeatureFlag flag = compiled.definition();
      v.check(
          !flag.valueType().accepts(o.flagValue()),
          "override.flag_value",
          "must be a " + flag.valueType() + " value");
    }
  }

  private static String describe(OverrideTarget target) {
    return (target.kind() == OverrideTarget.Kind.EXPERIMENT ? "experiment " : "flag ")
        + target.key();
  }
}
