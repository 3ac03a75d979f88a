package dev.assay.analysis.results;

import dev.assay.analysis.aggregates.ExperimentAggregate;
import dev.assay.analysis.aggregates.MetricMoments;
import dev.assay.analysis.aggregates.VariationAggregate;
import dev.assay.analysis.aggregates.WeightEpoch;
import dev.assay.analysis.experiments.AnalysisPlan;
import dev.assay.analysis.experiments.ExperimentDefinition;
import dev.assay.analysis.experiments.MonitorPolicy;
import dev.assay.analysis.metrics.MetricCatalog;
import dev.assay.analysis.metrics.MetricDefinition;
import dev.assay.analysis.metrics.MetricKind;
import dev.assay.analysis.metrics.MetricReaders;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.ConcurrentHashMap;

/** Small builders of metric definitions, aggregates and plans shared by the results tests. */
public final class Fixtures {
  /** A fixed moment the tests read as "now". */
  public static final Instant NOW = Instant.parse("2026-03-02T12:00:00Z");

  private Fixtures() {}

  /** A metric catalog in a map. */
  public static final class Catalog implements MetricCatalog {
    private final Map<String, MetricDefinition> metrics = new ConcurrentHashMap<>();

    /** Adds or replaces {@code metric}. */
    public Catalog put(MetricDefinition metric) {
      metrics.put(metric.key(), metric);
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
  }

  /** A metric definition. */
  public static MetricDefinition metric(
      String key, MetricKind kind, boolean isDecreaseBetter, double margin, boolean hasCovariate) {
    return new MetricDefinition(
        key,
        key,
        kind,
        isDecreaseBetter,
        margin > 0 ? OptionalDouble.of(margin) : OptionalDouble.empty(),
        Optional.empty(),
        hasCovariate ? Optional.of(Duration.ofDays(14)) : Optional.empty(),
        OptionalDouble.empty(),
        Optional.empty(),
        Optional.empty(),
        1,
        NOW);
  }

  /** A running experiment with variations {@code keys} and {@code plan}. */
  public static ExperimentDefinition running(String key, List<String> keys, AnalysisPlan plan) {
    return new ExperimentDefinition(key, true, keys, Optional.of(plan), 1);
  }

  /** A plan. */
  public static AnalysisPlan plan(
      String primary,
      List<String> guardrails,
      List<String> secondary,
      long plannedUnits,
      double alpha,
      MonitorPolicy policy) {
    return new AnalysisPlan(
        primary.isEmpty() ? Optional.empty() : Optional.of(primary),
        guardrails,
        secondary,
        plannedUnits,
        OptionalDouble.of(alpha),
        policy);
  }

  /** Moments of a conversion metric: successes of units (y in {0, 1}). */
  public static MetricMoments conversions(long successes, long units) {
    return new MetricMoments(units, successes, successes, 0, 0, 0, 0, 0, 0);
  }

  /** Moments of a mean metric from its count, mean and unbiased variance. */
  public static MetricMoments means(long units, double mean, double variance) {
    double sum = mean * units;
    double sumSquares = variance * (units - 1) + sum * sum / units;
    return new MetricMoments(units, sum, sumSquares, 0, 0, 0, 0, 0, 0);
  }

  /**
   * An aggregate with one epoch of equal weights; {@code units[i]} units in variation i with the
   * metrics {@code metrics.get(i)}.
   */
  public static ExperimentAggregate aggregate(
      String key, Instant asOf, long[] units, List<Map<String, MetricMoments>> metrics) {
    List<VariationAggregate> variations = new ArrayList<>();
    List<Double> weights = new ArrayList<>();
    List<Long> counts = new ArrayList<>();
    for (int i = 0; i < units.length; i++) {
      variations.add(
          new VariationAggregate(i, i == 0 ? "control" : "v" + i, units[i], metrics.get(i)));
      weights.add(1.0 / units.length);
      counts.add(units[i]);
    }
    return new ExperimentAggregate(
        key,
        asOf,
        Optional.of(asOf.minus(Duration.ofDays(2))),
        variations,
        List.of(new WeightEpoch(weights, counts)));
  }
}
