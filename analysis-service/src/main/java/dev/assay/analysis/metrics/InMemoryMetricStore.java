package dev.assay.analysis.metrics;

import dev.assay.runtime.errors.AlreadyExistsException;
import dev.assay.runtime.errors.NotFoundException;
import dev.assay.runtime.redis.StoreMonitor;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/** The embedded default: metrics in this process only, lost on exit. */
public final class InMemoryMetricStore implements MetricStore {
  private final Map<String, MetricDefinition> metrics = new HashMap<>();

  @Override
  public synchronized void create(MetricDefinition metric) {
    if (metrics.putIfAbsent(metric.key(), metric) != null) {
      throw new AlreadyExistsException("metric " + metric.key() + " already exists");
    }
  }

  @Override
  public synchronized void replace(MetricDefinition metric, long expectedVersion) {
    MetricDefinition stored = metrics.get(metric.key());
    if (stored == null) {
      throw new NotFoundException("metric " + metric.key() + " not found");
    }
    if (stored.version() != expectedVersion) {
      throw MetricRegistry.concurrentEdit(metric.key(), expectedVersion);
    }
    metrics.put(metric.key(), metric);
  }

  @Override
  public synchronized Optional<MetricDefinition> find(String key) {
    return Optional.ofNullable(metrics.get(key));
  }

  @Override
  public synchronized List<MetricDefinition> loadAll() {
    return List.copyOf(metrics.values());
  }

  @Override
  public long restore(Collection<MetricDefinition> held) {
    return 0; // memory is never lost while the process lives
  }

  @Override
  public void subscribe(Consumer<String> onWrite) {
    // The only writer is this process, which applies its writes itself.
  }

  @Override
  public Optional<StoreMonitor> monitor() {
    return Optional.empty();
  }

  @Override
  public String description() {
    return "in memory";
  }

  @Override
  public void close() {}
}
