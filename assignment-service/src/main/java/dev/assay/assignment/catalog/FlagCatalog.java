package dev.assay.assignment.catalog;

import dev.assay.assignment.definitions.Experiment;
import dev.assay.assignment.definitions.FeatureFlag;
import dev.assay.assignment.definitions.FlagValidator;
import dev.assay.assignment.evaluation.CompiledExperiment;
import dev.assay.assignment.evaluation.CompiledFlag;
import dev.assay.assignment.replica.ReplicaState;
import dev.assay.assignment.store.AssignmentStore;
import dev.assay.runtime.errors.AbortedException;
import dev.assay.runtime.errors.FailedPreconditionException;
import dev.assay.runtime.errors.NotFoundException;
import dev.assay.runtime.log.EventLog;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Creates, edits, archives and lists feature flags, as {@link ExperimentCatalog} does experiments.
 */
public final class FlagCatalog {
  private final AssignmentStore store;
  private final ReplicaState state;
  private final Clock clock;

  /** Writes to {@code store}, applies to {@code state}. */
  public FlagCatalog(AssignmentStore store, ReplicaState state, Clock clock) {
    this.store = store;
    this.state = state;
    this.clock = clock;
  }

  /** Validates and stores a new flag at version 1. */
  public FeatureFlag create(FeatureFlag draft) {
    FeatureFlag flag = draft.withBookkeeping(1, false, clock.instant());
    FlagValidator.validate(flag, this::experiment);
    store.createFlag(flag);
    state.apply(flag);
    EventLog.info("flag.created", "key", flag.key());
    return flag;
  }

  /**
   * Applies {@code edit} to the stored flag and stores the next version (see
   * ExperimentCatalog#update).
   */
  public FeatureFlag update(String key, UnaryOperator<FeatureFlag> edit, long expectedVersion) {
    FeatureFlag current = stored(key);
    if (expectedVersion != 0 && current.version() != expectedVersion) {
      throw new AbortedException(
          "flag "
              + key
              + " is at version "
              + current.version()
              + ", not the expected "
              + expectedVersion
              + "; read it again and retry");
    }
    if (current.archived()) {
      throw new FailedPreconditionException("flag " + key + " is archived and cannot change");
    }
    FeatureFlag next =
        edit.apply(current).withBookkeeping(current.version() + 1, false, clock.instant());
    FlagValidator.validate(next, this::experiment);
    store.replaceFlag(next, current.version());
    state.apply(next);
    EventLog.info("flag.updated", "key", key, "version", next.version(), "killed", next.killed());
    return next;
  }

  /** Marks a flag archived: kept, never evaluated again. */
  public FeatureFlag archive(String key) {
    FeatureFlag current = stored(key);
    if (current.archived()) {
      return current;
    }
    FeatureFlag next = current.withBookkeeping(current.version() + 1, true, clock.instant());
    store.replaceFlag(next, current.version());
    state.apply(next);
    EventLog.info("flag.archived", "key", key, "version", next.version());
    return next;
  }

  /** The flag as this replica holds it (works while the store is unreachable). */
  public FeatureFlag get(String key) {
    CompiledFlag held = state.get().flag(key);
    if (held == null) {
      throw new NotFoundException("flag " + key + " not found");
    }
    return held.definition();
  }

  /** A page of flags in key order, from this replica's state. */
  public Page<FeatureFlag> list(int pageSize, String pageToken, boolean showArchived) {
    List<FeatureFlag> all = new ArrayList<>();
    state
        .get()
        .flags()
        .values()
        .forEach(
            c -> {
              if (showArchived || !c.definition().archived()) {
                all.add(c.definition());
              }
            });
    all.sort(Comparator.comparing(FeatureFlag::key));
    return Page.of(all, FeatureFlag::key, pageSize, pageToken);
  }

  private Experiment experiment(String key) {
    CompiledExperiment held = state.get().experiment(key);
    return held == null ? null : held.definition();
  }

  private FeatureFlag stored(String key) {
    return store
        .findFlag(key)
        .orElseThrow(() -> new NotFoundException("flag " + key + " not found"));
  }
}
