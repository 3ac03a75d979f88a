package dev.assay.analysis.metrics;

import dev.assay.runtime.errors.AbortedException;
import dev.assay.runtime.errors.AlreadyExistsException;
import dev.assay.runtime.errors.NotFoundException;
import dev.assay.runtime.errors.UnavailableException;
import dev.assay.runtime.errors.ValidationException;
import dev.assay.runtime.errors.Violations;
import dev.assay.runtime.log.EventLog;
import dev.assay.runtime.redis.StoreMonitor;
import dev.assay.runtime.resources.Page;
import java.time.Clock;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.BooleanSupplier;
import java.util.function.UnaryOperator;

/**
 * The metric definitions of this replica: reads (and {@link MetricCatalog#find}, on the outcome hot
 * path) come from an immutable copy in memory, so they never wait on the store and keep working
 * while it is unreachable; writes go to the store first, as one atomic version-checked step (a
 * rejected or failed write changes nothing), and are then applied here at once. Other replicas
 * follow the store's announcements, reloading each metric written, and its {@link StoreMonitor},
 * which reloads everything when an announcement was missed and has this replica write its metrics
 * back if the store lost them.
 *
 * <p>Metrics are never deleted and their kind never changes, so a ratio's references, once checked,
 * stay valid.
 */
public final class MetricRegistry implements MetricCatalog, StoreMonitor.Replica, AutoCloseable {
  /**
   * What one write did, for the audit trail.
   *
   * @param before the stored metric the update started from
   * @param after the metric as stored now
   */
  public record Revision(MetricDefinition before, MetricDefinition after) {}

  private final MetricStore store;
  private final Clock clock;
  // Reloads announced metrics off the caller's thread (the pub/sub thread must not block on Redis).
  private final ExecutorService loader =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "metric-reload");
            t.setDaemon(true);
            return t;
          });
  private volatile NavigableMap<String, MetricDefinition> held = Collections.emptyNavigableMap();
  // Derived from held, replaced with it: a reader may briefly see the previous index, never a mix.
  private volatile MetricReaders readers = MetricReaders.NONE;

  /** Serves nothing until {@link #start}. */
  public MetricRegistry(MetricStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  /** Loads every metric now (throws if the store is unreachable), then follows the store. */
  public void start() {
    store.subscribe(this::announced);
    store.monitor().ifPresentOrElse(monitor -> monitor.start(this), () -> resync(() -> true));
  }

  @Override
  public Optional<MetricDefinition> find(String key) {
    return Optional.ofNullable(held.get(key));
  }

  @Override
  public List<MetricDefinition> readersOf(String metricKey) {
    return readers.readersOf(metricKey);
  }

  @Override
  public boolean hasCupedLookback() {
    return readers.hasCupedLookback();
  }

  /** The metric as this replica holds it. */
  public MetricDefinition get(String key) {
    return find(key).orElseThrow(() -> notFound(key));
  }

  /** A page of metrics in key order, from this replica's copy. */
  public Page<MetricDefinition> list(int pageSize, String pageToken) {
    return Page.of(List.copyOf(held.values()), MetricDefinition::key, pageSize, pageToken);
  }

  /**
   * Stores {@code draft} (validated field by field by the caller) as version 1, after checking what
   * needs the other metrics: a ratio's numerator and denominator.
   */
  public MetricDefinition create(MetricDefinition draft) {
    if (held.containsKey(draft.key())) {
      // Also covers a store that lost it: creating it anew there would be overwritten by the
      // restore.
      throw alreadyExists(draft.key());
    }
    checkReferences(draft);
    MetricDefinition created = withBookkeeping(draft, 1, clock.instant());
    store.create(created);
    written("metric.created", created);
    return created;
  }

  /**
   * Applies {@code edit} to the stored metric and stores the result as the next version. When
   * {@code expectedVersion} is not 0 the stored version must equal it ({@code ABORTED} otherwise);
   * the kind cannot change.
   */
  public Revision update(String key, UnaryOperator<MetricDefinition> edit, long expectedVersion) {
    MetricDefinition current = stored(key);
    if (expectedVersion != 0 && current.version() != expectedVersion) {
      throw new AbortedException(
          "metric "
              + key
              + " is at version "
              + current.version()
              + ", not the expected "
              + expectedVersion
              + "; read it again and retry");
    }
    MetricDefinition edited = edit.apply(current);
    if (edited.kind() != current.kind()) {
      throw ValidationException.of(
          "metric.kind", "cannot change after creation (is " + current.kind() + ")");
    }
    checkReferences(edited);
    MetricDefinition next = withBookkeeping(edited, current.version() + 1, clock.instant());
    store.replace(next, current.version());
    written("metric.updated", next);
    return new Revision(current, next);
  }

  /** Loads every metric and adopts it if {@code stillIntact} holds once the load is done. */
  @Override
  public boolean resync(BooleanSupplier stillIntact) {
    List<MetricDefinition> loaded = store.loadAll();
    if (!stillIntact.getAsBoolean()) {
      return false;
    }
    synchronized (this) {
      // Newest version of each key wins: a write applied here while the load ran is kept, and the
      // next revision check reloads anyway. Nothing is ever deleted, so nothing is dropped.
      NavigableMap<String, MetricDefinition> next = new TreeMap<>(held);
      for (MetricDefinition metric : loaded) {
        MetricDefinition mine = next.get(metric.key());
        if (mine == null || mine.version() < metric.version()) {
          next.put(metric.key(), metric);
        }
      }
      hold(next);
    }
    return true;
  }

  /** Writes every held metric back into a store that lost them; returns how many it wrote. */
  @Override
  public long restore() {
    return store.restore(held.values());
  }

  @Override
  public void close() {
    loader.shutdownNow();
    store.close();
  }

  /** The error for a version-checked write that lost a race with another writer. */
  static AbortedException concurrentEdit(String key, long expectedVersion) {
    return new AbortedException(
        "metric "
            + key
            + " was changed concurrently (expected version "
            + expectedVersion
            + "); read it again and retry");
  }

  /** The stored metric, read from the store itself: the base of every update. */
  private MetricDefinition stored(String key) {
    Optional<MetricDefinition> stored = store.find(key);
    if (stored.isPresent()) {
      return stored.get();
    }
    if (held.containsKey(key)) {
      // Metrics are never deleted: held but not stored means the store lost it.
      throw new UnavailableException(
          "the metric store lost metric " + key + " and is being restored; retry shortly");
    }
    throw notFound(key);
  }

  /**
   * A ratio names two existing metrics that are not ratios themselves; other kinds name none (the
   * field rules already refuse that, this only repeats it for callers that skip them).
   */
  private void checkReferences(MetricDefinition metric) {
    if (metric.kind() != MetricKind.RATIO) {
      return;
    }
    Violations v = new Violations();
    Optional<String> numerator = metric.numeratorMetric();
    Optional<String> denominator = metric.denominatorMetric();
    numerator.ifPresent(key -> checkComponent(v, key, "metric.numerator_metric", metric.key()));
    denominator.ifPresent(key -> checkComponent(v, key, "metric.denominator_metric", metric.key()));
    v.throwIfAny();
  }

  private void checkComponent(Violations v, String key, String field, String ratioKey) {
    if (key.equals(ratioKey)) {
      v.add(field, "cannot name the ratio itself");
      return;
    }
    Optional<MetricDefinition> component = held.containsKey(key) ? find(key) : store.find(key);
    if (component.isEmpty()) {
      v.add(field, "names no metric: " + key + "; create it first");
    } else if (component.get().kind() == MetricKind.RATIO) {
      v.add(
          field,
          "names ratio metric " + key + "; a ratio's parts must be SUM, COUNT or CONVERSION");
    } else if (component.get().kind() == MetricKind.MEAN) {
      v.add(
          field,
          "names mean metric "
              + key
              + "; a ratio sums its parts per unit, so they must be SUM, COUNT or CONVERSION");
    }
  }

  /** Queues a reload of a metric the store announced written. */
  private void announced(String key) {
    try {
      loader.execute(() -> reload(key));
    } catch (RejectedExecutionException e) {
      // Closing: nothing to keep up to date any more.
    }
  }

  /**
   * Reloads the metric another replica announced, and adopts it only if the store was intact
   * throughout (a metric read from a store just lost must not replace what is held).
   */
  private void reload(String key) {
    BooleanSupplier intact = store.monitor().map(StoreMonitor::beginLoad).orElse(() -> true);
    try {
      Optional<MetricDefinition> found = store.find(key);
      if (intact.getAsBoolean()) {
        found.ifPresent(this::adopt);
      }
    } catch (RuntimeException e) {
      if (!loader.isShutdown()) { // else closing: the store's connections are going away
        // The monitor sees the revision this replica missed and reloads everything.
        EventLog.warn("metric.reload_failed", "key", key, "error", e.toString());
      }
    }
  }

  /** Holds {@code metric} unless the same or a newer version is held already. */
  private synchronized void adopt(MetricDefinition metric) {
    MetricDefinition mine = held.get(metric.key());
    if (mine == null || mine.version() < metric.version()) {
      NavigableMap<String, MetricDefinition> next = new TreeMap<>(held);
      next.put(metric.key(), metric);
      hold(next);
    }
  }

  /** Applies a stored write here at once, unless a newer version arrived meanwhile. */
  private void written(String event, MetricDefinition metric) {
    adopt(metric);
    EventLog.info(
        event, "key", metric.key(), "version", metric.version(), "kind", metric.kind().name());
  }

  private static MetricDefinition withBookkeeping(
      MetricDefinition m, long version, Instant updateTime) {
    return new MetricDefinition(
        m.key(),
        m.name(),
        m.kind(),
        m.isDecreaseBetter(),
        m.guardrailMargin(),
        m.attributionWindow(),
        m.cupedLookback(),
        m.winsorizeCap(),
        m.numeratorMetric(),
        m.denominatorMetric(),
        version,
        updateTime);
  }

  private static AlreadyExistsException alreadyExists(String key) {
    return new AlreadyExistsException("metric " + key + " already exists");
  }

  private static NotFoundException notFound(String key) {
    return new NotFoundException("metric " + key + " not found");
  }

  private void hold(NavigableMap<String, MetricDefinition> next) {
    held = Collections.unmodifiableNavigableMap(next);
    readers = MetricReaders.of(next.values());
  }
}
