package dev.assay.assignment.replica;

import dev.assay.assignment.definitions.Experiment;
import dev.assay.assignment.definitions.FeatureFlag;
import dev.assay.assignment.evaluation.CompiledExperiment;
import dev.assay.assignment.evaluation.CompiledFlag;
import dev.assay.assignment.evaluation.Definitions;
import dev.assay.assignment.overrides.OverrideTarget;
import dev.assay.assignment.overrides.UnitOverride;
import dev.assay.assignment.store.AssignmentStore;
import dev.assay.assignment.store.Change;
import dev.assay.assignment.store.ChangeListener;
import dev.assay.runtime.log.EventLog;
import dev.assay.runtime.redis.StoreMonitor;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.BooleanSupplier;

/**
 * Keeps a {@link ReplicaState} in step with the store: loads everything at start and reloads what
 * each announced change names. With a store that can lose data (Redis), the store's {@link
 * StoreMonitor} decides when to reload everything (after a reconnect, when the store's revision
 * moved, at the full-resync interval) and, if the store was lost, has this replica write its state
 * back instead of adopting the loss. All loading runs on one background thread; the hot path never
 * waits for it, and while the store is unreachable the last state keeps being served.
 */
public final class ReplicaSync implements ChangeListener, StoreMonitor.Replica, AutoCloseable {
  private final AssignmentStore store;
  private final ReplicaState state;
  private final ExecutorService loader =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "assignment-replica-sync");
            t.setDaemon(true);
            return t;
          });

  /** Does nothing until {@link #start}. */
  public ReplicaSync(AssignmentStore store, ReplicaState state) {
    this.store = store;
    this.state = state;
  }

  /** Loads everything now (throws if the store is unreachable), then follows changes. */
  public void start() {
    store.subscribe(this);
    store.monitor().ifPresentOrElse(monitor -> monitor.start(this), () -> resync(() -> true));
  }

  /**
   * Loads every definition and override, then replaces what is held with it only if {@code
   * stillIntact} says the store was not lost meanwhile. Runs on the loader thread, after any reload
   * queued before it.
   */
  @Override
  public boolean resync(BooleanSupplier stillIntact) {
    return onLoader(
        () -> {
          List<Experiment> experiments = store.experiments().loadAll();
          List<FeatureFlag> flags = store.flags().loadAll();
          List<UnitOverride> overrides = store.loadAllOverrides();
          if (!stillIntact.getAsBoolean()) {
            return false;
          }
          state.replaceAll(experiments, flags);
          state.replaceAllOverrides(overrides);
          return true;
        });
  }

  /** Writes everything held back into the store (after it was lost); returns items written. */
  @Override
  public long restore() {
    Definitions held = state.get();
    List<Experiment> experiments =
        held.experiments().values().stream().map(CompiledExperiment::definition).toList();
    List<FeatureFlag> flags = held.flags().values().stream().map(CompiledFlag::definition).toList();
    return store.restore(experiments, flags, state.allOverrides());
  }

  @Override
  public void onChange(Change change) {
    loader.execute(() -> reload(change));
  }

  @Override
  public void close() {
    loader.shutdownNow();
  }

  /** Runs {@code task} on the loader thread and waits for it; false once this sync is closed. */
  private boolean onLoader(Callable<Boolean> task) {
    if (loader.isShutdown()) {
      return false; // closing: the store's monitor may still check once
    }
    try {
      return loader.submit(task).get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IllegalStateException(e.getCause());
    } catch (RejectedExecutionException e) {
      return false; // closed meanwhile
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while loading", e);
    }
  }

  /**
   * Reloads what {@code change} names, and applies it only if the store was intact throughout: a
   * change read from a store that was just lost would otherwise remove what it no longer holds.
   */
  private void reload(Change change) {
    BooleanSupplier intact = store.monitor().map(StoreMonitor::beginLoad).orElse(() -> true);
    try {
      Runnable apply =
          switch (change.kind()) {
            case EXPERIMENT -> {
              var found = store.experiments().find(change.key());
              yield () -> found.ifPresent(state::apply);
            }
            case FLAG -> {
              var found = store.flags().find(change.key());
              yield () -> found.ifPresent(state::apply);
            }
            case EXPERIMENT_OVERRIDES, FLAG_OVERRIDES -> reloadOverrides(change);
          };
      if (intact.getAsBoolean()) {
        apply.run();
      }
    } catch (RuntimeException e) {
      // The store's monitor sees the revision it missed and resyncs.
      EventLog.warn(
          "replica.reload_failed",
          "kind",
          change.kind(),
          "key",
          change.key(),
          "error",
          e.toString());
    }
  }

  /** Reads the overrides {@code change} names; returns how to apply them. */
  private Runnable reloadOverrides(Change change) {
    OverrideTarget target = change.overrideTarget();
    String unitId = change.unitId();
    if (unitId == null) {
      long writes = state.overrideWrites();
      List<UnitOverride> overrides = store.loadOverrides(target);
      return () -> {
        if (!state.replaceOverridesIfNoWriteSince(writes, target, overrides)) {
          // A unit's override changed while the target was read: read it again.
          loader.execute(() -> reload(change));
        }
      };
    }
    UnitOverride override = store.findOverride(target, unitId).orElse(null);
    return () -> state.applyOverride(target, unitId, override);
  }
}
