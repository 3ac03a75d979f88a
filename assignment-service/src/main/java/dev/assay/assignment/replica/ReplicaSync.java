package dev.assay.assignment.replica;

import dev.assay.assignment.overrides.OverrideTarget;
import dev.assay.assignment.store.AssignmentStore;
import dev.assay.assignment.store.Change;
import dev.assay.assignment.store.ChangeListener;
import dev.assay.runtime.log.EventLog;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Keeps a {@link ReplicaState} in step with the store: loads everything at start, reloads what each
 * announced change names, and reloads everything again after a lost connection and at a fixed
 * interval (so a missed announcement heals). All loading runs on one background thread; the hot
 * path never waits for it, and while the store is unreachable the last state keeps being served.
 */
@SuppressWarnings("FutureReturnValueIgnored") // each scheduled task logs its own failures
public final class ReplicaSync implements ChangeListener, AutoCloseable {
  /** First wait before retrying a resync after a reconnect; it doubles up to the last. */
  private static final Duration FIRST_RETRY = Duration.ofMillis(50);

  private static final Duration LAST_RETRY = Duration.ofSeconds(3);

  private final AssignmentStore store;
  private final ReplicaState state;
  private final ScheduledExecutorService loader =
      Executors.newSingleThreadScheduledExecutor(
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
  public void start(Duration resyncInterval) {
    store.subscribe(this);
    resyncNow();
    long millis = resyncInterval.toMillis();
    loader.scheduleWithFixedDelay(this::resyncQuietly, millis, millis, TimeUnit.MILLISECONDS);
  }

  /** Loads every definition and override from the store, replacing what is held. */
  public void resyncNow() {
    state.replaceAll(store.experiments().loadAll(), store.flags().loadAll());
    state.replaceAllOverrides(store.loadAllOverrides());
  }

  @Override
  public void onChange(Change change) {
    loader.execute(() -> reload(change));
  }

  /**
   * Resyncs at once, retrying a few times with backoff: a connection that is back may still be
   * completing its handshake, and the interval's resync is a long wait for changes missed.
   */
  @Override
  public void onResyncNeeded() {
    loader.execute(() -> resyncRetrying(FIRST_RETRY));
  }

  @Override
  public void close() {
    loader.shutdownNow();
  }

  private void reload(Change change) {
    try {
      switch (change.kind()) {
        case EXPERIMENT -> store.experiments().find(change.key()).ifPresent(state::apply);
        case FLAG -> store.flags().find(change.key()).ifPresent(state::apply);
        case EXPERIMENT_OVERRIDES, FLAG_OVERRIDES -> reloadOverrides(change);
      }
    } catch (RuntimeException e) {
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

  private void reloadOverrides(Change change) {
    OverrideTarget target = change.overrideTarget();
    String unitId = change.unitId();
    if (unitId == null) {
      state.replaceOverrides(target, store.loadOverrides(target));
    } else {
      state.applyOverride(target, unitId, store.findOverride(target, unitId).orElse(null));
    }
  }

  private void resyncRetrying(Duration wait) {
    try {
      resyncNow();
    } catch (RuntimeException e) {
      if (wait.compareTo(LAST_RETRY) > 0) {
        EventLog.warn("replica.resync_failed", "store", store.description(), "error", e.toString());
        return;
      }
      loader.schedule(
          () -> resyncRetrying(wait.multipliedBy(2)), wait.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  private void resyncQuietly() {
    try {
      resyncNow();
    } catch (RuntimeException e) {
      EventLog.warn("replica.resync_failed", "store", store.description(), "error", e.toString());
    }
  }
}
