package dev.assay.assignment.store;

import dev.assay.assignment.definitions.Experiment;
import dev.assay.assignment.definitions.FeatureFlag;
import dev.assay.assignment.overrides.OverrideTarget;
import dev.assay.assignment.overrides.UnitOverride;
import dev.assay.runtime.errors.AbortedException;
import dev.assay.runtime.errors.AlreadyExistsException;
import dev.assay.runtime.errors.NotFoundException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** The embedded default: everything in this process's memory, lost on restart. */
public final class InMemoryAssignmentStore implements AssignmentStore {
  private final Map<String, Experiment> experiments = new TreeMap<>();
  private final Map<String, FeatureFlag> flags = new TreeMap<>();
  private final Map<OverrideTarget, TreeMap<String, UnitOverride>> overrides =
      new java.util.HashMap<>();
  private final List<ChangeListener> listeners = new CopyOnWriteArrayList<>();

  @Override
  public String description() {
    return "in-memory";
  }

  @Override
  public void createExperiment(Experiment experiment) {
    synchronized (this) {
      if (experiments.putIfAbsent(experiment.key(), experiment) != null) {
        throw new AlreadyExistsException("experiment " + experiment.key() + " already exists");
      }
    }
    announce(new Change(Change.Kind.EXPERIMENT, experiment.key(), null));
  }

  @Override
  public void replaceExperiment(Experiment experiment, long expectedVersion) {
    synchronized (this) {
      Experiment stored = experiments.get(experiment.key());
      checkVersion(
          "experiment",
          experiment.key(),
          stored == null ? null : stored.version(),
          expectedVersion);
      experiments.put(experiment.key(), experiment);
    }
    announce(new Change(Change.Kind.EXPERIMENT, experiment.key(), null));
  }

  @Override
  public synchronized Optional<Experiment> findExperiment(String key) {
    return Optional.ofNullable(experiments.get(key));
  }

  @Override
  public synchronized List<Experiment> loadExperiments() {
    return List.copyOf(experiments.values());
  }

  @Override
  public void createFlag(FeatureFlag flag) {
    synchronized (this) {
      if (flags.putIfAbsent(flag.key(), flag) != null) {
        throw new AlreadyExistsException("flag " + flag.key() + " already exists");
      }
    }
    announce(new Change(Change.Kind.FLAG, flag.key(), null));
  }

  @Override
  public void replaceFlag(FeatureFlag flag, long expectedVersion) {
    synchronized (this) {
      FeatureFlag stored = flags.get(flag.key());
      checkVersion("flag", flag.key(), stored == null ? null : stored.version(), expectedVersion);
      flags.put(flag.key(), flag);
    }
    announce(new Change(Change.Kind.FLAG, flag.key(), null));
  }

  @Override
  public synchronized Optional<FeatureFlag> findFlag(String key) {
    return Optional.ofNullable(flags.get(key));
  }

  @Override
  public synchronized List<FeatureFlag> loadFlags() {
    return List.copyOf(flags.values());
  }

  @Override
  public void putOverrides(OverrideTarget target, List<UnitOverride> written) {
    synchronized (this) {
      TreeMap<String, UnitOverride> units = overrides.computeIfAbsent(target, t -> new TreeMap<>());
      written.forEach(o -> units.put(o.unitId(), o));
    }
    String unit = written.size() == 1 ? written.get(0).unitId() : null;
    announce(new Change(Change.overridesOf(target), target.key(), unit));
  }

  @Override
  public boolean deleteOverride(OverrideTarget target, String unitId) {
    boolean removed;
    synchronized (this) {
      TreeMap<String, UnitOverride> units = overrides.get(target);
      removed = units != null && units.remove(unitId) != null;
    }
    if (removed) {
      announce(new Change(Change.overridesOf(target), target.key(), unitId));
    }
    return removed;
  }

  @Override
  public synchronized Optional<UnitOverride> findOverride(OverrideTarget target, String unitId) {
    TreeMap<String, UnitOverride> units = overrides.get(target);
    return Optional.ofNullable(units == null ? null : units.get(unitId));
  }

  @Override
  public synchronized List<UnitOverride> loadOverrides(OverrideTarget target) {
    TreeMap<String, UnitOverride> units = overrides.get(target);
    return units == null ? List.of() : List.copyOf(units.values());
  }

  @Override
  public synchronized List<UnitOverride> loadAllOverrides() {
    List<UnitOverride> all = new ArrayList<>();
    overrides.values().forEach(units -> all.addAll(units.values()));
    return all;
  }

  @Override
  public void subscribe(ChangeListener listener) {
    listeners.add(listener);
  }

  @Override
  public void close() {
    listeners.clear();
  }

  private void announce(Change change) {
    listeners.forEach(l -> l.onChange(change));
  }

  static void checkVersion(String kind, String key, Long storedVersion, long expectedVersion) {
    if (storedVersion == null) {
      throw new NotFoundException(kind + " " + key + " not found");
    }
    if (storedVersion != expectedVersion) {
      throw new AbortedException(
          kind
              + " "
              + key
              + " was changed concurrently: stored version "
              + storedVersion
              + ", expected "
              + expectedVersion
              + "; read it again and retry");
    }
  }
}
