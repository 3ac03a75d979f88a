package dev.assay.analysis.loop;

import dev.assay.analysis.metrics.MetricCatalog;
import dev.assay.analysis.metrics.MetricDefinition;
import dev.assay.analysis.metrics.MetricKind;
import dev.assay.analysis.metrics.MetricReaders;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.ConcurrentHashMap;

/** A metric catalog over a map, for tests (the real one is the metric store's). */
public final class MapMetricCatalog implements MetricCatalog {
  private final Map<String, MetricDefinition> metrics = new ConcurrentHashMap<>();

  /** Adds (or replaces) metrics. */
  public MapMetricCatalog with(MetricDefinition... definitions) {
    for (MetricDefinition d : definitions) {
      metrics.put(d.key(), d);
    }
    return this;
  }

  @Override
  public Optional<MetricDefinition> find(String key) {
    return Optional.ofNullable(metrics.get(key));
  }

  @Override
  public List<MetricDefinition> readersOf(String metricKey) {
    return MetricReaders.of(metrics.values()).readersOf(metricKey);
  }

  /** A metric of {@code kind} with no window, covariate or cap. */
  public static MetricDefinition metric(String key, MetricKind kind) {
    return new MetricDefinition(
        key,
        key,
        kind,
        false,
        OptionalDouble.empty(),
        Optional.empty(),
        Optional.empty(),
        OptionalDouble.empty(),
        Optional.empty(),
        Optional.empty(),
        1,
        Instant.EPOCH);
  }

  /** {@code m} with an attribution window. */
  public static MetricDefinition withWindow(MetricDefinition m, Duration window) {
    return new MetricDefinition(
        m.key(),
        m.name(),
        m.kind(),
        m.isDecreaseBetter(),
        m.guardrailMargin(),
        Optional.of(window),
        m.cupedLookback(),
        m.winsorizeCap(),
        m.numeratorMetric(),
        m.denominatorMetric(),
        m.version(),
        m.updateTime());
  }

  /** {@code m} with a CUPED lookback. */
  public static MetricDefinition withLookback(MetricDefinition m, Duration lookback) {
    return new MetricDefinition(
        m.key(),
        m.name(),
        m.kind(),
        m.isDecreaseBetter(),
        m.guardrailMargin(),
        m.attributionWindow(),
        Optional.of(lookback),
        m.winsorizeCap(),
        m.numeratorMetric(),
        m.denominatorMetric(),
        m.version(),
        m.updateTime());
  }

  /** {@code m} winsorised at {@code cap}. */
  public static MetricDefinition withCap(MetricDefinition m, double cap) {
    return new MetricDefinition(
        m.key(),
        m.name(),
        m.kind(),
        m.isDecreaseBetter(),
        m.guardrailMargin(),
        m.attributionWindow(),
        m.cupedLookback(),
        OptionalDouble.of(cap),
        m.numeratorMetric(),
        m.denominatorMetric(),
        m.version(),
        m.updateTime());
  }

  /** A RATIO of two metrics' per-unit values. */
  public static MetricDefinition ratio(String key, String numerator, String denominator) {
    return new MetricDefinition(
        key,
        key,
        MetricKind.RATIO,
        false,
        OptionalDouble.empty(),
        Optional.empty(),
        Optional.empty(),
        OptionalDouble.empty(),
        Optional.of(numerator),
        Optional.of(denominator),
        1,
        Instant.EPOCH);
  }
}
