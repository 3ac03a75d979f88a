package dev.assay.runtime.redis;

import dev.assay.runtime.errors.UnavailableException;
import dev.assay.runtime.log.EventLog;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.LongCounter;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The one connection state machine of a process's replica: it decides when the replica resyncs from
 * Redis, and stops it from ever adopting a lost store.
 *
 * <p>Every check interval it reads the store's markers ({@link StoreGuard}) and checks that every
 * connection the replica needs is open:
 *
 * <ul>
 *   <li>unreachable (a read fails, or a connection is down): {@link State#UNREACHABLE}; the replica
 *       keeps serving what it holds;
 *   <li>reachable again, or the revision moved (a change notification may have been lost), or a
 *       full resync is due: the replica resyncs, and adopts what it loaded only if the store is
 *       still intact after loading;
 *   <li>lost (the epoch is gone or different: a restart without persistence, a failover to an empty
 *       replica, FLUSHALL; or the revision went back: a failover to a lagging replica): the replica
 *       keeps serving its last state, and the replica holding the restore lock writes its state
 *       back ({@link Replica#restore}, never over a newer stored version), then puts the epoch back
 *       and raises the revision so every replica resyncs. Writes through this replica are refused
 *       ({@link #checkWritable}) until then;
 *   <li>restored by another replica since this one last loaded (the restore id changed): this
 *       replica merges its own state in too, since it may hold writes acknowledged through it that
 *       the restorer never saw, and then reloads.
 * </ul>
 */
public final class StoreMonitor implements AutoCloseable {
  /** Where the replica stands with its store. */
  public enum State {
    /** Loaded and following the store. */
    IN_SYNC,
    /** Redis does not answer; the last state is served. */
    UNREACHABLE,
    /** The store lost data; the last state is served and a restore is awaited. */
    LOST,
    /** This replica is writing its state back into the store. */
    RESTORING
  }

  /** What the monitor drives: the replica's in-memory state. */
  public interface Replica {
    /**
     * Loads everything from the store and adopts it only if {@code stillIntact} is true once the
     * load is done; returns whether it adopted.
     */
    boolean resync(BooleanSupplier stillIntact);

    /**
     * Writes everything held in memory back into the store, never over a newer stored version;
     * returns how many items it wrote.
     */
    long restore();
  }

  private final String service;
  private final StoreGuard guard;
  private final BooleanSupplier connectionsUp;
  private final Duration checkInterval;
  private final Duration fullResyncInterval;
  private final Duration lockTtl;
  private final String owner = UUID.randomUUID().toString();
  private final LongCounter losses;
  private final LongCounter restores;
  private final List<Consumer<State>> listeners = new CopyOnWriteArrayList<>();
  private final ScheduledExecutorService thread =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "store-monitor");
            t.setDaemon(true);
            return t;
          });

  private @Nullable Replica replica;
  private volatile State state = State.IN_SYNC;
  private volatile @Nullable String knownEpoch;
  private volatile long knownRevision;
  private volatile @Nullable String knownRestoreId;
  private volatile boolean resyncDue;

  /**
   * A monitor for {@code service}'s store, checking every {@code checkInterval} and resyncing fully
   * every {@code fullResyncInterval} even when nothing seems to have changed.
   */
  public StoreMonitor(
      String service,
      StoreGuard guard,
      BooleanSupplier connectionsUp,
      Duration checkInterval,
      Duration fullResyncInterval,
      OpenTelemetry telemetry) {
    this.service = service;
    this.guard = guard;
    this.connectionsUp = connectionsUp;
    this.checkInterval = checkInterval;
    this.fullResyncInterval = fullResyncInterval;
    this.lockTtl = Duration.ofSeconds(30);
    var meter = telemetry.getMeter("dev.assay");
    this.losses =
        meter
            .counterBuilder("assay.store.losses")
            .setDescription("Times this replica found its Redis store lost (emptied or rewound)")
            .build();
    this.restores =
        meter
            .counterBuilder("assay.store.restores")
            .setDescription("Times this replica wrote its state back into a lost store")
            .build();
  }

  /**
   * Records the store's epoch (writing one into a new store), loads the replica once (throwing if
   * Redis is unreachable: a replica that cannot load must not start), then checks in the
   * background.
   */
  @SuppressWarnings("FutureReturnValueIgnored") // the tasks log their own failures
  public synchronized void start(Replica replica) {
    this.replica = replica;
    knownEpoch = guard.establish();
    StoreGuard.Observation seen = guard.observe();
    if (!replica.resync(() -> true)) {
      throw new IllegalStateException("initial load was not adopted");
    }
    knownRevision = seen.revision();
    knownRestoreId = seen.restoreId();
    long check = checkInterval.toMillis();
    thread.scheduleWithFixedDelay(this::checkQuietly, check, check, TimeUnit.MILLISECONDS);
    long full = fullResyncInterval.toMillis();
    thread.scheduleWithFixedDelay(() -> resyncDue = true, full, full, TimeUnit.MILLISECONDS);
  }

  /** Tells {@code listener} of every change of state (health reporting). */
  public void onStateChange(Consumer<State> listener) {
    listeners.add(listener);
  }

  /**
   * Reports the store's health now and on every change, under two health-service names: {@code
   * assay.store} is SERVING only while in sync with Redis; {@code assay.store.intact} turns
   * NOT_SERVING from the moment a lost store is found until it is restored. The server's overall
   * status is not touched: a replica serves its last state meanwhile.
   */
  public void reportHealth(BiConsumer<String, Boolean> health) {
    Consumer<State> report =
        s -> {
          health.accept("assay.store", s == State.IN_SYNC);
          health.accept("assay.store.intact", s != State.LOST && s != State.RESTORING);
        };
    report.accept(state);
    onStateChange(report);
  }

  /** The current state. */
  public State state() {
    return state;
  }

  /**
   * Refuses a write while the store is lost or being restored: it would land in a store that is
   * about to be rewritten from memory.
   *
   * @throws UnavailableException then
   */
  public void checkWritable() {
    State now = state;
    if (now == State.LOST || now == State.RESTORING) {
      throw new UnavailableException(
          "the " + service + " store is being restored after Redis lost its data; retry shortly");
    }
  }

  /** Records a write in the store's revision; call after each write, before acknowledging it. */
  public void recordWrite() {
    guard.bumpRevision();
  }

  /**
   * Starts a load outside the monitor (a replica's own refresh): returns a check to make once the
   * load is done, true only if the store was intact before and after and not restored in between.
   */
  public BooleanSupplier beginLoad() {
    StoreGuard.Observation before;
    try {
      before = guard.observe();
    } catch (RuntimeException e) {
      return () -> false;
    }
    if (isLost(before)) {
      return () -> false;
    }
    return () -> isUnchangedSince(before);
  }

  /** Runs one check now, on the monitor's thread, and waits for it (tests and benchmarks). */
  public void checkNow() {
    try {
      thread.submit(this::check).get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("check failed", e);
    }
  }

  @Override
  public void close() {
    thread.shutdownNow();
  }

  private void checkQuietly() {
    try {
      check();
    } catch (RuntimeException e) {
      // Logged once per outage: the state change says the rest.
      if (state != State.UNREACHABLE) {
        EventLog.warn("store.check_failed", "service", service, "error", e.toString());
      }
      become(State.UNREACHABLE);
    }
  }

  private void check() {
    Replica target = replica;
    if (target == null) {
      return;
    }
    StoreGuard.Observation seen;
    try {
      if (!connectionsUp.getAsBoolean()) {
        become(State.UNREACHABLE);
        return;
      }
      seen = guard.observe();
    } catch (RuntimeException e) {
      become(State.UNREACHABLE);
      return;
    }
    if (isLost(seen)) {
      recover(target, seen);
      return;
    }
    if (!Objects.equals(seen.restoreId(), knownRestoreId)) {
      contribute(target, seen);
      return;
    }
    boolean back = state != State.IN_SYNC;
    if (back || resyncDue || seen.revision() != knownRevision) {
      resyncDue = false;
      if (!target.resync(() -> isUnchangedSince(seen))) {
        return; // lost or restored while loading: the next check sees it
      }
      knownRevision = seen.revision();
    }
    become(State.IN_SYNC);
  }

  /**
   * Another replica restored the store since this one last loaded it. Its memory may hold writes
   * the restorer's did not (acknowledged here just before the loss), so it merges them in too,
   * under the lock, before adopting the store; a merge that wrote anything moves the revision so
   * every replica reloads. It leaves the restore id alone, so merges do not set each other off.
   */
  private void contribute(Replica target, StoreGuard.Observation seen) {
    if (!guard.tryLock(owner, lockTtl)) {
      return; // a restore or another merge runs; the next check tries again
    }
    try {
      long written = target.restore();
      if (written > 0) {
        guard.bumpRevision();
        EventLog.info("store.merged", "service", service, "items_written", written);
      }
    } finally {
      guard.unlock(owner);
    }
    knownRestoreId = seen.restoreId();
    StoreGuard.Observation after = guard.observe();
    if (target.resync(() -> isUnchangedSince(after))) {
      knownRevision = after.revision();
      become(State.IN_SYNC);
    }
  }

  /**
   * Whether the store is intact now and is the very store observed as {@code before}: not lost, and
   * not restored in between (a load spanning a loss and another replica's restore would otherwise
   * look intact while holding what it read from the emptied store).
   */
  private boolean isUnchangedSince(StoreGuard.Observation before) {
    try {
      StoreGuard.Observation now = guard.observe();
      return !isLost(now)
          && Objects.equals(now.epoch(), before.epoch())
          && Objects.equals(now.restoreId(), before.restoreId());
    } catch (RuntimeException e) {
      return false;
    }
  }

  private boolean isLost(StoreGuard.Observation seen) {
    String epoch = knownEpoch;
    return epoch != null && (!epoch.equals(seen.epoch()) || seen.revision() < knownRevision);
  }

  private void recover(Replica target, StoreGuard.Observation seen) {
    if (state != State.LOST && state != State.RESTORING) {
      losses.add(1, Attributes.empty());
      EventLog.warn(
          "store.lost",
          "service",
          service,
          "expected_epoch",
          String.valueOf(knownEpoch),
          "found_epoch",
          String.valueOf(seen.epoch()),
          "known_revision",
          knownRevision,
          "found_revision",
          seen.revision(),
          "effect",
          "serving the last known state; writes refused until the store is restored");
      become(State.LOST);
    }
    if (!guard.tryLock(owner, lockTtl)) {
      return; // another replica restores; the next check sees the epoch back
    }
    String epoch = knownEpoch;
    try {
      become(State.RESTORING);
      long written = target.restore();
      knownEpoch =
          guard.markRestored(
              epoch == null ? UUID.randomUUID().toString() : epoch, knownRevision + 1);
      restores.add(1, Attributes.empty());
      EventLog.info(
          "store.restored", "service", service, "items_written", written, "epoch", knownEpoch);
    } finally {
      guard.unlock(owner);
    }
    StoreGuard.Observation after = guard.observe();
    knownRevision = after.revision();
    knownRestoreId = after.restoreId();
    if (target.resync(() -> isUnchangedSince(after))) {
      become(State.IN_SYNC);
    }
  }

  private void become(State next) {
    State previous = state;
    if (previous == next) {
      return;
    }
    state = next;
    if (next == State.UNREACHABLE) {
      EventLog.warn(
          "store.unreachable", "service", service, "effect", "serving the last known state");
    } else if (next == State.IN_SYNC) {
      EventLog.info(
          "store.in_sync",
          "service",
          service,
          "was",
          previous.name().toLowerCase(java.util.Locale.ROOT));
    }
    listeners.forEach(l -> l.accept(next));
  }
}
