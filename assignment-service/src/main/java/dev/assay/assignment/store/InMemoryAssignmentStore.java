package dev.assay.assignment.store;

import dev.assay.assignment.definitions.Definition;
import dev.assay.assignment.definitions.Experiment;
import dev.assay.assignment.definitions.FeatureFlag;
import dev.assay.assignment.overrides.OverrideTarget;
import dev.assay.assignment.overrides.UnitOverride;
import dev.assay.runtime.errors.AbortedException;
import dev.assay.runtime.errors.AlreadyExistsException;
import dev.assay.runtime.errors.NotFoundException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The embedded default: everything in this process's memory, lost on restart. Writes are atomic
 * under the store's lock; announcements are delivered on the writing thread after it.
 */
public final class InMemoryAssignmentStore implements AssignmentStore {
  private final StoredDefinitions<Experiment> experiments =
      new StoredDefinitions<>("experiment", Change.Kind.EXPERIMENT);
  private final StoredDefinitions<FeatureFlag> flags =
      new StoredDefinitions<>("flag", Change.Kind.FLAG);
  private final Map<OverrideTarget, TreeMap<String, UnitOverride>> overrides = new HashMap<>();
  private final List<ChangeListener> listeners = new CopyOnWriteArrayList<>();

  @Override
  public String description() {
    return "in-memory";
  }

  @Override
  public DefinitionStore<Experiment> experiments() {
    return experiments;
  }

  @Override
  public DefinitionStore<FeatureFlag> flags() {
    return flags;
  }

  @Override
  public void putOverrides(OverrideTarget target, List<UnitOverride> written) {
    synchronized (this) {
      TreeMap<String, UnitOverride> units = overrides.computeIfAbsent(target, t -> new TreeMap<>());
      written.forEach(o -> units.put(o.unitId(), o));
    }
    announce(Change.ofWrite(target, written));
  }

  @Override
  public boolean deleteOverride(OverrideTarget target, String unitId) {
    boolean removed;
    synchronized (this) {
      TreeMap<String, UnitOverride> units = overrides.get(target);
      removed = units != null && units.remove(unitId) != null;
    }
    if (removed) {
      announce(Change.ofOverrides(target, unitId));
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

  /**
   * Memory is never lost while the process lives, so this only matters to a store shared by several
   * replicas; implemented with the same rules as Redis for the contract tests.
   */
  @Override
  public synchronized long restore(
      List<Experiment> heldExperiments,
      List<FeatureFlag> heldFlags,
      Map<OverrideTarget, List<UnitOverride>> heldOverrides) {
    long written = 0;
    for (Experiment e : heldExperiments) {
      written += experiments.restore(e) ? 1 : 0;
    }
    for (FeatureFlag f : heldFlags) {
      written += flags.restore(f) ? 1 : 0;
    }
    for (var entry : heldOverrides.entrySet()) {
      TreeMap<String, UnitOverride> units =
          overrides.computeIfAbsent(entry.getKey(), t -> new TreeMap<>());
      for (UnitOverride o : entry.getValue()) {
        written += units.putIfAbsent(o.unitId(), o) == null ? 1 : 0;
      }
    }
    return written;
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

  /** One kind of definition, by key, under the store's lock. */
  private final class StoredDefinitions<T extends Definition<T>> implements DefinitionStore<T> {
    private final String noun;
    private final Change.Kind kind;
    private final Map<String, T> byKey = new TreeMap<>();

    StoredDefinitions(String noun, Change.Kind kind) {
      this.noun = noun;
      this.kind = kind;
    }

    @Override
    public void create(T definition) {
      synchronized (InMemoryAssignmentStore.this) {
        if (byKey.putIfAbsent(definition.key(), definition) != null) {
          throw new AlreadyExistsException(noun + " " + definition.key() + " already exists");
        }
      }
      announce(Change.ofDefinition(kind, definition.key()));
    }

    @Override
    public void replace(T definition, long expectedVersion) {
      synchronized (InMemoryAssignmentStore.this) {
        T stored = byKey.get(definition.key());
        if (stored == null) {
          throw new NotFoundException(noun + " " + definition.key() + " not found");
        }
        if (stored.version() != expectedVersion) {
          throw new AbortedException(
              noun
                  + " "
                  + definition.key()
                  + " was changed concurrently: stored version "
                  + stored.version()
                  + ", expected "
                  + expectedVersion
                  + "; read it again and retry");
        }
        byKey.put(definition.key(), definition);
      }
      announce(Change.ofDefinition(kind, definition.key()));
    }

    @Override
    public Optional<T> find(String key) {
      synchronized (InMemoryAssignmentStore.this) {
        return Optional.ofNullable(byKey.get(key));
      }
    }

    /** Puts {@code definition} back unless the same or a newer version is held; caller locks. */
    boolean restore(T definition) {
      T stored = byKey.get(definition.key());
      if (stored != null && stored.version() >= definition.version()) {
        return false;
      }
      byKey.put(definition.key(), definition);
      return true;
    }

    @Override
    public List<T> loadAll() {
      synchronized (InMemoryAssignmentStore.this) {
        return List.copyOf(byKey.values());
      }
    }
  }
}
