package dev.assay.benchmarks.analysis;

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
import dev.assay.analysis.results.ExperimentResults;
import dev.assay.analysis.results.ResultsCalculator;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Live-results computation from aggregates (no I/O): an experiment of 2 or 3 variations × 5 metrics
 * (conversion, CUPED sum, mean guardrail, count, ratio) at 1M exposed units, and at 100k units,
 * where conversions are few enough for the exact Beta comparison (one term per success). The
 * aggregates are O(1) in units, so the size only changes the counts. Prints the median time per
 * results computation over repeated batches. Usage: {@code [batches] [calls per batch]}.
 */
public final class ResultsBenchmark {
  private static final Instant NOW = Instant.parse("2026-03-02T12:00:00Z");

  private ResultsBenchmark() {}

  public static void main(String[] args) {
    int batches = args.length > 0 ? Integer.parseInt(args[0]) : 15;
    int calls = args.length > 1 ? Integer.parseInt(args[1]) : 200;
    Map<String, MetricDefinition> metrics = new HashMap<>();
    metric(metrics, "checkout", MetricKind.CONVERSION, false, 0, false);
    metric(metrics, "revenue", MetricKind.SUM, false, 0, true);
    metric(metrics, "latency", MetricKind.MEAN, true, 0.05, false);
    metric(metrics, "clicks", MetricKind.COUNT, false, 0, false);
    metric(metrics, "ctr", MetricKind.RATIO, false, 0, false);
    MetricCatalog catalog =
        new MetricCatalog() {
          @Override
          public Optional<MetricDefinition> find(String key) {
            return Optional.ofNullable(metrics.get(key));
          }

          @Override
          public List<MetricDefinition> readersOf(String metricKey) {
            return MetricReaders.of(metrics.values()).readersOf(metricKey);
          }
        };
    ResultsCalculator calculator = new ResultsCalculator(catalog);
    for (int variations : new int[] {2, 3}) {
      for (long units : new long[] {1_000_000, 100_000}) {
        ExperimentAggregate aggregate = aggregate(variations, units);
        ExperimentDefinition definition = definition(variations);
        double median = medianMicros(calculator, aggregate, definition, batches, calls);
        System.out.printf(
            "results: %d variations x 5 metrics, %,d exposed units: median %.1f us per computation%n",
            variations, units, median);
      }
    }
  }

  private static double medianMicros(
      ResultsCalculator calculator,
      ExperimentAggregate aggregate,
      ExperimentDefinition definition,
      int batches,
      int calls) {
    double[] perCall = new double[batches];
    long sink = 0;
    for (int warm = 0; warm < calls * 3; warm++) {
      sink += run(calculator, aggregate, definition).metrics().size();
    }
    for (int b = 0; b < batches; b++) {
      long start = System.nanoTime();
      for (int i = 0; i < calls; i++) {
        sink += run(calculator, aggregate, definition).metrics().size();
      }
      perCall[b] = (System.nanoTime() - start) / 1_000.0 / calls;
    }
    if (sink == 42) {
      System.out.println("unlikely");
    }
    Arrays.sort(perCall);
    return perCall[batches / 2];
  }

  private static ExperimentResults run(
      ResultsCalculator calculator,
      ExperimentAggregate aggregate,
      ExperimentDefinition definition) {
    return calculator.calculate(
        aggregate, aggregate, Optional.of(definition), List.of(), List.of());
  }

  private static ExperimentDefinition definition(int variations) {
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < variations; i++) {
      keys.add(i == 0 ? "control" : "v" + i);
    }
    return new ExperimentDefinition(
        "bench",
        true,
        keys,
        Optional.of(
            new AnalysisPlan(
                Optional.of("checkout"),
                List.of("latency"),
                List.of("revenue", "clicks", "ctr"),
                2_000_000,
                OptionalDouble.empty(),
                MonitorPolicy.OFF)),
        1);
  }

  /** Sufficient statistics as ingestion would keep them, for {@code total} units split evenly. */
  private static ExperimentAggregate aggregate(int variations, long total) {
    long n = total / variations;
    List<VariationAggregate> arms = new ArrayList<>();
    List<Double> weights = new ArrayList<>();
    List<Long> counts = new ArrayList<>();
    for (int i = 0; i < variations; i++) {
      double lift = 1 + 0.01 * i;
      double conversions = Math.rint(0.1 * lift * n);
      double revenue = 20.0 * lift * n;
      double latency = 240.0 * n;
      double clicks = 1.4 * lift * n;
      double sessions = 4.0 * n;
      arms.add(
          new VariationAggregate(
              i,
              i == 0 ? "control" : "v" + i,
              n,
              Map.of(
                  "checkout",
                  new MetricMoments(n, conversions, conversions, 0, 0, 0, 0, 0, 0),
                  "revenue",
                  new MetricMoments(
                      n,
                      revenue,
                      revenue * revenue / n * 3,
                      0,
                      0,
                      0,
                      revenue * 0.9,
                      revenue * revenue / n * 2.5,
                      revenue * revenue / n * 1.8),
                  "latency",
                  new MetricMoments(n, latency, latency * latency / n * 1.1, 0, 0, 0, 0, 0, 0),
                  "clicks",
                  new MetricMoments(n, clicks, clicks * clicks / n * 2, 0, 0, 0, 0, 0, 0),
                  "ctr",
                  new MetricMoments(
                      n,
                      clicks,
                      clicks * clicks / n * 2,
                      sessions,
                      sessions * sessions / n * 1.3,
                      clicks * sessions / n * 1.2,
                      0,
                      0,
                      0))));
      weights.add(1.0 / variations);
      counts.add(n);
    }
    return new ExperimentAggregate(
        "bench",
        NOW,
        Optional.of(NOW.minus(Duration.ofDays(7))),
        arms,
        List.of(new WeightEpoch(weights, counts)));
  }

  private static void metric(
      Map<String, MetricDefinition> metrics,
      String key,
      MetricKind kind,
      boolean isDecreaseBetter,
      double margin,
      boolean hasCovariate) {
    metrics.put(
        key,
        new MetricDefinition(
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
            NOW));
  }
}
