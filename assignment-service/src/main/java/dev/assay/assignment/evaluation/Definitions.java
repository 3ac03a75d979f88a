package dev.assay.assignment.evaluation;

import dev.assay.assignment.definitions.Experiment;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * An immutable snapshot of every definition a replica holds, swapped whole on each change so the
 * hot path reads a consistent view without locks.
 */
public final class Definitions {
  private static final Definitions EMPTY = new Definitions(Map.of(), Map.of());

  private final Map<String, CompiledExperiment> experiments;
  private final Map<String, CompiledFlag> flags;
  private final List<String> liveExperimentKeys;
  private final List<String> activeFlagKeys;

  private Definitions(
      Map<String, CompiledExperiment> experiments, Map<String, CompiledFlag> flags) {
    this.experiments = experiments;
    this.flags = flags;
    List<String> live = new ArrayList<>();
    new TreeMap<>(experiments)
        .forEach(
            (key, e) -> {
              if (!e.definition().archived() && e.isLive()) {
                live.add(key);
              }
            });
    List<String> active = new ArrayList<>();
    new TreeMap<>(flags)
        .forEach(
            (key, f) -> {
              if (!f.definition().archived()) {
                active.add(key);
              }
            });
    this.liveExperimentKeys = Collections.unmodifiableList(live);
    this.activeFlagKeys = Collections.unmodifiableList(active);
  }

  /** No definitions. */
  public static Definitions empty() {
    return EMPTY;
  }

  /** A snapshot of exactly these. */
  public static Definitions of(
      Map<String, CompiledExperiment> experiments, Map<String, CompiledFlag> flags) {
    return new Definitions(Map.copyOf(experiments), Map.copyOf(flags));
  }

  /** The experiment, or null (archived ones included). */
  public @Nullable CompiledExperiment experiment(String key) {
    return experiments.get(key);
  }

  /** The flag, or null (archived ones included). */
  public @Nullable CompiledFlag flag(String key) {
    return flags.get(key);
  }

  /** The definition of the experiment, archived or not. */
  public Optional<Experiment> findExperiment(String key) {
    return Optional.ofNullable(experiments.get(key)).map(CompiledExperiment::definition);
  }

  /** Every experiment, archived ones included. */
  public Map<String, CompiledExperiment> experiments() {
    return experiments;
  }

  /** Every flag, archived ones included. */
  public Map<String, CompiledFlag> flags() {
    return flags;
  }

  /**
   * Keys of the experiments that assign units (running, or stopped with a rollout), in key order.
   */
  public List<String> liveExperimentKeys() {
    return liveExperimentKeys;
  }

  /** Keys of the flags not archived, in key order. */
  public List<String> activeFlagKeys() {
    return activeFlagKeys;
  }

  /** A copy with one experiment added or replaced. */
  public Definitions withExperiment(CompiledExperiment experiment) {
    Map<String, CompiledExperiment> copy = new HashMap<>(experiments);
    copy.put(experiment.definition().key(), experiment);
    return new Definitions(Map.copyOf(copy), flags);
  }

  /** A copy with one flag added or replaced. */
  public Definitions withFlag(CompiledFlag flag) {
    Map<String, CompiledFlag> copy = new HashMap<>(flags);
    copy.put(flag.definition().key(), flag);
    return new Definitions(experiments, Map.copyOf(copy));
  }
}
