package dev.assay.bandit.selection;

import dev.assay.bandit.policy.Policies;
import dev.assay.bandit.store.BanditStore;
import dev.assay.bandit.store.StickyAssignment;
import dev.assay.bandit.store.StickyPage;
import dev.assay.bandit.store.StoredBandit;
import dev.assay.bandit.store.UnreadableBanditException;
import dev.assay.runtime.errors.UnavailableException;
import dev.assay.runtime.log.EventLog;
import dev.assay.runtime.redis.StoreMonitor;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;

/**
 * The in-memory view selection reads: every bandit's {@link BanditSnapshot}, rebuilt from the store
 * on a background thread every {@code refreshInterval}. Selection never waits on the store; when
 * the store is unreachable the last snapshot keeps serving and the failure is logged once. A store
 * that lost its data (see {@link StoreMonitor}) is never adopted: what was loaded from it is
 * dropped, and the snapshots are written back instead. A bandit whose stored state cannot be used
 * (unreadable, or a snapshot that fails to build) is set aside alone: it keeps its last good
 * snapshot, if any, is logged once per change, and every other bandit refreshes as usual. It also
 * keeps each sticky bandit's {@link StickyTable} in step with the shared sticky log.
 */
public final class SnapshotCache implements StoreMonitor.Replica, AutoCloseable {
  private static final int STICKY_PAGE = 10_000;

  private final BanditStore store;
  private final Duration refreshInterval;
  private final Clock clock;
  private final Policies policies;
  private volatile Map<String, BanditSnapshot> snapshots = Map.of();
  private final Map<String, StickyTable> sticky = new ConcurrentHashMap<>();
  private final ScheduledExecutorService scheduler =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "bandit-snapshot-refresh");
            t.setDaemon(true);
            return t;
          });
  private @Nullable ScheduledFuture<?> refreshTask;
  private final SetAsideBandits setAside = new SetAsideBandits("snapshot");
  private final SetAsideBandits stickySetAside = new SetAsideBandits("sticky sync");
  private boolean storeFailing;

  /**
   * A cache over {@code store} whose snapshots hold the policies {@code policies} builds, taken at
   * {@code clock}'s time; call {@link #start} to refresh in the background.
   */
  public SnapshotCache(
      BanditStore store, Duration refreshInterval, Clock clock, Policies policies) {
    this.store = store;
    this.refreshInterval = refreshInterval;
    this.clock = clock;
    this.policies = policies;
  }

  /**
   * Loads once and schedules the periodic refresh. A store with a monitor must be reachable now
   * (the monitor records its epoch); the in-memory store always is.
   */
  public synchronized SnapshotCache start() {
    store.monitor().ifPresentOrElse(monitor -> monitor.start(this), this::refreshQuietly);
    long period = Math.max(1, refreshInterval.toMillis());
    refreshTask =
        scheduler.scheduleWithFixedDelay(
            this::refreshQuietly, period, period, TimeUnit.MILLISECONDS);
    return this;
  }

  /** The latest snapshot of a bandit, if known. */
  public Optional<BanditSnapshot> find(String key) {
    return Optional.ofNullable(snapshots.get(key));
  }

  /**
   * Rebuilds every snapshot from the store now; throws {@link UnavailableException} if it is down.
   * Keeps the current snapshots if the store was lost meanwhile.
   */
  public void refresh() {
    resync(loadCheck());
  }

  /** Rebuilds every snapshot, adopting them only if {@code stillIntact} once loaded. */
  @Override
  public synchronized boolean resync(BooleanSupplier stillIntact) {
    long now = clock.millis();
    Map<String, BanditSnapshot> previous = snapshots;
    Map<String, StoredBandit> known = new HashMap<>();
    previous.forEach((key, snapshot) -> known.put(key, snapshot.source()));
    Map<String, BanditSnapshot> next = new HashMap<>();
    Map<String, String> unreadable = new HashMap<>();
    List<StoredBandit> loaded =
        store.loadAll(known, bandit -> unreadable.put(bandit.key(), bandit.reason()));
    if (!stillIntact.getAsBoolean()) {
      return false;
    }
    for (StoredBandit stored : loaded) {
      String key = stored.definition().key();
      rebuildOrKeep(previous.get(key), stored, now).ifPresent(s -> next.put(key, s));
    }
    // One bad bandit never stops the others: it keeps its last good snapshot, if any.
    unreadable.forEach(
        (key, reason) -> {
          BanditSnapshot last = previous.get(key);
          setAside.setAside(key, reason, reason, last != null);
          if (last != null) {
            next.put(key, last);
          }
        });
    Set<String> present = new HashSet<>(next.keySet());
    present.addAll(unreadable.keySet());
    setAside.retainOnly(present);
    snapshots = Map.copyOf(next);
    for (BanditSnapshot snapshot : next.values()) {
      if (snapshot.definition().isSticky()) {
        syncStickyIsolated(snapshot.definition().key(), now);
      }
    }
    return true;
  }

  /** Writes every snapshot's bandit back into a store that lost them; returns bandits written. */
  @Override
  public long restore() {
    List<StoredBandit> held = new ArrayList<>();
    snapshots.values().forEach(snapshot -> held.add(snapshot.source()));
    return store.restore(held);
  }

  /** A check to make after loading: whether the store stayed intact (always, without a monitor). */
  private BooleanSupplier loadCheck() {
    return store.monitor().map(StoreMonitor::beginLoad).orElse(() -> true);
  }

  /**
   * Reads a bandit's new sticky assignments; a failure other than an unreachable store sets only
   * that bandit's sticky sync aside.
   */
  private void syncStickyIsolated(String key, long now) {
    try {
      syncSticky(key, now);
      stickySetAside.release(key);
    } catch (UnavailableException e) {
      throw e;
    } catch (RuntimeException e) {
      stickySetAside.setAside(
          key, e.getClass().getSimpleName(), String.valueOf(e.getMessage()), true);
    }
  }

  /**
   * The new snapshot of {@code stored}, or, if building it fails (a policy that throws on these
   * settings or statistics), {@code previous} (empty if none) with the bandit set aside.
   */
  private Optional<BanditSnapshot> rebuildOrKeep(
      @Nullable BanditSnapshot previous, StoredBandit stored, long now) {
    String key = stored.definition().key();
    try {
      BanditSnapshot snapshot = rebuild(previous, stored, now);
      setAside.release(key);
      return Optional.of(snapshot);
    } catch (RuntimeException e) {
      setAside.setAside(
          key,
          "snapshot of definition version "
              + stored.definition().version()
              + " failed: "
              + e.getClass().getSimpleName(),
          String.valueOf(e.getMessage()),
          previous != null);
      return Optional.ofNullable(previous);
    }
  }

  /** Whether bandit {@code key}'s stored state cannot be used, so this replica sets it aside. */
  public boolean isSetAside(String key) {
    return setAside.contains(key);
  }

  /** Reads the sticky assignments other replicas (and this one) appended since the last refresh. */
  private void syncSticky(String key, long now) {
    StickyTable table = stickyTable(key);
    StickyPage page;
    do {
      page = store.readSticky(key, table.cursor(), STICKY_PAGE);
      for (StickyAssignment a : page.assignments()) {
        table.confirm(a, now);
      }
      table.advanceTo(page.nextCursor());
    } while (page.assignments().size() == STICKY_PAGE);
    table.prune(now);
  }

  /** The sticky assignments this replica knows for a bandit. */
  StickyTable stickyTable(String key) {
    return sticky.computeIfAbsent(key, k -> new StickyTable(clock));
  }

  /**
   * Makes {@code assignment} the unit's sticky arm unless it already has a live one, and then
   * shares it through the store without waiting; returns the earlier assignment that holds instead,
   * if any.
   */
  Optional<StickyAssignment> claimSticky(
      String key, StickyAssignment assignment, long nowMillis, long durationMillis) {
    Optional<StickyAssignment> earlier = stickyTable(key).claim(assignment, nowMillis);
    if (earlier.isEmpty()) {
      store.appendSticky(key, assignment, nowMillis, durationMillis);
    }
    return earlier;
  }

  /**
   * Rebuilds one bandit's snapshot now (after a write on this replica); silent if the store is
   * down.
   */
  public synchronized void refresh(String key) {
    try {
      BooleanSupplier stillIntact = loadCheck();
      Optional<StoredBandit> stored = store.load(key);
      if (!stillIntact.getAsBoolean()) {
        return;
      }
      Map<String, BanditSnapshot> next = new HashMap<>(snapshots);
      if (stored.isPresent()) {
        Optional<BanditSnapshot> rebuilt =
            rebuildOrKeep(next.get(key), stored.get(), clock.millis());
        if (rebuilt.isPresent()) {
          next.put(key, rebuilt.get());
        }
      } else {
        next.remove(key);
      }
      snapshots = Map.copyOf(next);
    } catch (UnreadableBanditException e) {
      setAside.setAside(key, e.bandit().reason(), e.bandit().reason(), snapshots.containsKey(key));
    } catch (UnavailableException e) {
      EventLog.warn(
          "bandit.snapshot_refresh_failed", "bandit", key, "error", String.valueOf(e.getMessage()));
    }
  }

  private BanditSnapshot rebuild(@Nullable BanditSnapshot previous, StoredBandit stored, long now) {
    if (previous != null
        && previous.source().isAt(stored.definition().version(), stored.revision())
        && !stored.definition().isDiscounted()) {
      return previous;
    }
    BanditSnapshot snapshot =
        BanditSnapshot.of(stored, policies.forSpec(stored.definition().policy()), now);
    if (!snapshot.activeArmIds().isEmpty()
        && stored.definition().policy().contextDimension() == 0) {
      snapshot.prepared().propensity(0, new double[0]);
    }
    return snapshot;
  }

  private void refreshQuietly() {
    try {
      refresh();
      if (storeFailing) {
        storeFailing = false;
        EventLog.info("bandit.snapshot_refresh_recovered");
      }
    } catch (UnavailableException e) {
      if (!storeFailing) {
        storeFailing = true;
        EventLog.warn(
            "bandit.snapshot_refresh_failed",
            "error",
            String.valueOf(e.getMessage()),
            "effect",
            "selection keeps serving the last snapshot");
      }
    } catch (RuntimeException e) {
      EventLog.error("bandit.snapshot_refresh_error", "error", e.toString());
    }
  }

  /** Stops the background refresh. */
  @Override
  public synchronized void close() {
    if (refreshTask != null) {
      refreshTask.cancel(false);
    }
    scheduler.shutdownNow();
  }
}
