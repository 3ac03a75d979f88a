package dev.assay.analysis.metrics;

import dev.assay.runtime.redis.StoreMonitor;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Where metric definitions are stored: Redis when configured (shared by every replica), else
 * memory. Every write is atomic and version-checked; writes throw {@code UnavailableException} when
 * the store cannot be reached, having changed nothing. Only {@link MetricRegistry} uses it; the hot
 * path reads the registry's copy in memory instead.
 */
public interface MetricStore extends AutoCloseable {
  /** Stores a new metric; {@code AlreadyExistsException} if its key is taken. */
  void create(MetricDefinition metric);

  /**
   * Replaces a metric if its stored version is {@code expectedVersion}; {@code AbortedException}
   * otherwise (a concurrent edit), {@code NotFoundException} if there is none.
   */
  void replace(MetricDefinition metric, long expectedVersion);

  /** The stored metric, read from the store itself. */
  Optional<MetricDefinition> find(String key);

  /** Every stored metric, in no particular order. */
  List<MetricDefinition> loadAll();

  /**
   * Writes {@code held} back after the store lost it, never over the same or a newer stored
   * version; returns how many it wrote.
   */
  long restore(Collection<MetricDefinition> held);

  /**
   * Calls {@code onWrite} with the key of every metric any replica writes from now on (a hint to
   * reload it; the monitor catches up on any announcement missed). The in-memory store has no other
   * writers and announces nothing.
   */
  void subscribe(Consumer<String> onWrite);

  /** The monitor that keeps a replica in step with a store that can lose data (Redis). */
  Optional<StoreMonitor> monitor();

  /** Where the metrics are, for the start-up log (credentials masked). */
  String description();

  @Override
  void close();
}
