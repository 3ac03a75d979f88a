package dev.assay.assignment.replica;

import dev.assay.assignment.definitions.Experiment;
import dev.assay.assignment.definitions.FeatureFlag;
import dev.assay.assignment.evaluation.CompiledExperiment;
import dev.assay.assignment.evaluation.CompiledFlag;
import dev.assay.assignment.evaluation.Definitions;
import dev.assay.assignment.evaluation.OverrideLookup;
import dev.assay.assignment.overrides.OverrideTarget;
import dev.assay.assignment.overrides.UnitOverride;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Everything one replica serves from: every definition, compiled, and every override. Readers never
 * lock; writers (the sync thread and local admin writes) swap immutable definition snapshots and
 * update the override maps entry by entry. A definition never goes back to an older version.
 */
public final class ReplicaState implements Supplier<Definitions>, OverrideLookup {
  private volatile Definitions definitions = Definitions.empty();
  private long overrideWrites;
  private final Map<String, Map<String, UnitOverride>> experimentOverrides =
      new ConcurrentHashMap<>();
  private final Map<String, Map<String, UnitOverride>> flagOverrides = new ConcurrentHashMap<>();

  @Override
  public Definitions get() {
    return definitions;
  }

  /** Adds or replaces an experiment unless a newer version is already held. */
  public synchronized void apply(Experiment experiment) {
    CompiledExperiment held = definitions.experiment(experiment.key());
    if (held == null || held.definition().version() <= experiment.version()) {
      definitions = definitions.withExperiment(new CompiledExperiment(experiment));
    }
  }

  /** Adds or replaces a flag unless a newer version is already held. */
  public synchronized void apply(FeatureFlag flag) {
    CompiledFlag held = definitions.flag(flag.key());
    if (held == null || held.definition().version() <= flag.version()) {
      definitions = definitions.withFlag(new CompiledFlag(flag));
    }
  }

  /**
   * Replaces every definition at once (full resync), except that a newer version already held (a
   * write this replica made after the load began) is kept.
   */
  public synchronized void replaceAll(List<Experiment> experiments, List<FeatureFlag> flags) {
    Definitions held = definitions;
    Map<String, CompiledExperiment> compiledExperiments = new HashMap<>();
    for (Experiment e : experiments) {
      CompiledExperiment current = held.experiment(e.key());
      compiledExperiments.put(
          e.key(),
          current != null && current.definition().version() > e.version()
              ? current
              : new CompiledExperiment(e));
    }
    Map<String, CompiledFlag> compiledFlags = new HashMap<>();
    for (FeatureFlag f : flags) {
      CompiledFlag current = held.flag(f.key());
      compiledFlags.put(
          f.key(),
          current != null && current.definition().version() > f.version()
              ? current
              : new CompiledFlag(f));
    }
    definitions = Definitions.of(compiledExperiments, compiledFlags);
  }

  /**
   * Counts single-unit override writes, so that a whole-target reload read before one of them is
   * not applied over it (see {@link #replaceOverridesIfNoWriteSince}).
   */
  public synchronized long overrideWrites() {
    return overrideWrites;
  }

  /**
   * Replaces every override of one target, unless a single-unit write was applied since {@code
   * writes} was read: the overrides were then read before it and would undo it.
   *
   * @return whether they were applied
   */
  public synchronized boolean replaceOverridesIfNoWriteSince(
      long writes, OverrideTarget target, List<UnitOverride> overrides) {
    if (overrideWrites != writes) {
      return false;
    }
    replaceOverrides(target, overrides);
    return true;
  }

  /** Sets (or, with null, removes) the override of one unit. */
  public synchronized void applyOverride(
      OverrideTarget target, String unitId, @Nullable UnitOverride override) {
    overrideWrites++;
    Map<String, Map<String, UnitOverride>> byKey = mapOf(target);
    if (override == null) {
      Map<String, UnitOverride> units = byKey.get(target.key());
      if (units != null) {
        units.remove(unitId);
      }
    } else {
      byKey.computeIfAbsent(target.key(), k -> new ConcurrentHashMap<>()).put(unitId, override);
    }
  }

  /** Replaces every override of one target. */
  public synchronized void replaceOverrides(OverrideTarget target, List<UnitOverride> overrides) {
    Map<String, UnitOverride> units = new ConcurrentHashMap<>();
    overrides.forEach(o -> units.put(o.unitId(), o));
    mapOf(target).put(target.key(), units);
  }

  /** Replaces every override of every target (full resync). */
  public void replaceAllOverrides(List<UnitOverride> overrides) {
    Map<OverrideTarget, Map<String, UnitOverride>> grouped = new HashMap<>();
    overrides.forEach(
        o ->
            grouped.computeIfAbsent(o.target(), t -> new ConcurrentHashMap<>()).put(o.unitId(), o));
    for (OverrideTarget.Kind kind : OverrideTarget.Kind.values()) {
      Map<String, Map<String, UnitOverride>> byKey =
          kind == OverrideTarget.Kind.EXPERIMENT ? experimentOverrides : flagOverrides;
      byKey.keySet().removeIf(key -> !grouped.containsKey(new OverrideTarget(kind, key)));
    }
    grouped.forEach((target, units) -> mapOf(target).put(target.key(), units));
  }

  /** The overrides held for one target, in no particular order. */
  public List<UnitOverride> overridesOf(OverrideTarget target) {
    Map<String, UnitOverride> units = mapOf(target).get(target.key());
    return units == null ? List.of() : List.copyOf(units.values());
  }

  /** Every override held, by target (what a restore writes back). */
  public Map<OverrideTarget, List<UnitOverride>> allOverrides() {
    Map<OverrideTarget, List<UnitOverride>> all = new HashMap<>();
    experimentOverrides.forEach(
        (key, units) -> all.put(OverrideTarget.experiment(key), List.copyOf(units.values())));
    flagOverrides.forEach(
        (key, units) -> all.put(OverrideTarget.flag(key), List.copyOf(units.values())));
    return all;
  }

  /** Number of overrides held, over every target. */
  public int overrideCount() {
    int count = 0;
    for (Map<String, UnitOverride> units : experimentOverrides.values()) {
      count += units.size();
    }
    for (Map<String, UnitOverride> units : flagOverrides.values()) {
      count += units.size();
    }
    return count;
  }

  @Override
  public @Nullable UnitOverride forExperiment(String experimentKey, String unitId) {
    Map<String, UnitOverride> units = experimentOverrides.get(experimentKey);
    return units == null ? null : units.get(unitId);
  }

  @Override
  public @Nullable UnitOverride forFlag(String flagKey, String unitId) {
    Map<String, UnitOverride> units = flagOverrides.get(flagKey);
    return units == null ? null : units.get(unitId);
  }

  private Map<String, Map<String, UnitOverride>> mapOf(OverrideTarget target) {
    return target.kind() == OverrideTarget.Kind.EXPERIMENT ? experimentOverrides : flagOverrides;
  }
}
