package dev.assay.benchmarks.analysis;

import dev.assay.analysis.aggregates.Cohort;
import dev.assay.analysis.aggregates.RedisLoopStore;
import dev.assay.analysis.experiments.NoDirectory;
import dev.assay.analysis.exposures.Exposure;
import dev.assay.analysis.metrics.MetricCatalog;
import dev.assay.analysis.metrics.MetricDefinition;
import dev.assay.analysis.metrics.MetricKind;
import dev.assay.analysis.metrics.MetricReaders;
import dev.assay.analysis.outcomes.AttributionRules;
import dev.assay.analysis.outcomes.OutcomeEvent;
import dev.assay.analysis.results.LiveResults;
import dev.assay.analysis.results.ResultsCalculator;
import dev.assay.runtime.redis.RedisConnection;
import dev.assay.runtime.redis.RedisSettings;
import dev.assay.runtime.redis.SharedRedisClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Live results read from Redis: one experiment with {@code units} exposed units (default 1,000,000)
 * over two variations and five metrics (conversion, sum, mean, count, ratio), then the time of a
 * whole results computation (aggregates read from Redis, every figure computed), median of many
 * calls. Results read aggregates only, so the time does not grow with units or events.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.assay.benchmarks.analysis.ResultsLatencyBenchmark \
 *     redis://127.0.0.1:6379 1000000 200000 500
 * </pre>
 */
public final class ResultsLatencyBenchmark {
  private static final String EXPERIMENT = "bench-results";
  private static final List<String> KEYS = List.of("buy", "revenue", "latency", "clicks", "rpc");

  private ResultsLatencyBenchmark() {}

  public static void main(String[] args) throws Exception {
    String redisUrl = args.length > 0 ? args[0] : "redis://127.0.0.1:6379";
    int units = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
    int events = args.length > 2 ? Integer.parseInt(args[2]) : 200_000;
    int calls = args.length > 3 ? Integer.parseInt(args[3]) : 500;
    MetricCatalog catalog = catalog();
    Clock clock = Clock.systemUTC();
    String prefix = "bench:" + UUID.randomUUID();
    SharedRedisClient client =
        SharedRedisClient.create(new RedisSettings(redisUrl, prefix, Duration.ofSeconds(30)));
    RedisConnection<String, String> direct = client.connect();
    try (RedisLoopStore store = new RedisLoopStore(client, clock, Duration.ofDays(1), 1_000)) {
      Instant start = clock.instant().minusSeconds(3600);
      long began = System.nanoTime();
      List<Exposure> batch = new ArrayList<>();
      for (int u = 0; u < units; u++) {
        batch.add(
            new Exposure(
                EXPERIMENT,
                u % 2,
                u % 2 == 0 ? "control" : "treatment",
                "unit-" + u,
                start,
                false,
                List.of(0.5, 0.5)));
        if (batch.size() == 5_000) {
          store.recordExposures(batch);
          batch = new ArrayList<>();
        }
      }
      if (!batch.isEmpty()) {
        store.recordExposures(batch);
      }
      System.out.printf(
          "%,d exposures recorded in %.1f s%n", units, (System.nanoTime() - began) / 1e9);
      SplittableRandom random = new SplittableRandom(7);
      List<OutcomeEvent> outcomes = new ArrayList<>();
      for (int i = 0; i < events; i++) {
        String metric = List.of("buy", "revenue", "latency", "clicks").get(i % 4);
        outcomes.add(
            new OutcomeEvent(
                "e-" + i,
                "unit-" + random.nextInt(units),
                metric,
                metric.equals("latency") ? 100 + random.nextInt(200) : 1 + random.nextInt(50),
                start.plusSeconds(60)));
        if (outcomes.size() == 1_000) {
          store.recordOutcomes(outcomes, AttributionRules.resolve(catalog, Set.copyOf(KEYS)));
          outcomes = new ArrayList<>();
        }
      }
      LiveResults live =
          new LiveResults(store, new NoDirectory(), new ResultsCalculator(catalog), clock);
      long total =
          store.current(EXPERIMENT, Cohort.ASSIGNED).orElseThrow().variations().stream()
              .mapToLong(v -> v.units())
              .sum();
      double[] micros = new double[calls];
      for (int i = 0; i < calls; i++) {
        long t = System.nanoTime();
        live.current(EXPERIMENT, KEYS, false);
        micros[i] = (System.nanoTime() - t) / 1e3;
      }
      Arrays.sort(micros);
      System.out.printf(
          "GetExperimentResults core on Redis, %,d exposed units x %d metrics: median %.2f ms,"
              + " p99 %.2f ms over %d calls (the first %d included)%n",
          total,
          KEYS.size(),
          micros[calls / 2] / 1e3,
          micros[calls * 99 / 100] / 1e3,
          calls,
          calls);
    } finally {
      List<String> keys = direct.keys(prefix + ":*");
      for (int from = 0; from < keys.size(); from += 1_000) {
        direct
            .sync()
            .unlink(keys.subList(from, Math.min(keys.size(), from + 1_000)).toArray(new String[0]));
      }
      direct.close();
      client.close();
    }
  }

  private static MetricCatalog catalog() {
    Map<String, MetricDefinition> metrics =
        Map.of(
            "buy", metric("buy", MetricKind.CONVERSION, Optional.empty(), Optional.empty()),
            "revenue", metric("revenue", MetricKind.SUM, Optional.empty(), Optional.empty()),
            "latency", metric("latency", MetricKind.MEAN, Optional.empty(), Optional.empty()),
            "clicks", metric("clicks", MetricKind.COUNT, Optional.empty(), Optional.empty()),
            "rpc", metric("rpc", MetricKind.RATIO, Optional.of("revenue"), Optional.of("clicks")));
    MetricReaders readers = MetricReaders.of(metrics.values());
    return new MetricCatalog() {
      @Override
      public Optional<MetricDefinition> find(String key) {
        return Optional.ofNullable(metrics.get(key));
      }

      @Override
      public List<MetricDefinition> readersOf(String metricKey) {
        return readers.readersOf(metricKey);
      }
    };
  }

  private static MetricDefinition metric(
      String key, MetricKind kind, Optional<String> numerator, Optional<String> denominator) {
    return new MetricDefinition(
        key,
        key,
        kind,
        false,
        OptionalDouble.empty(),
        Optional.empty(),
        Optional.empty(),
        OptionalDouble.empty(),
        numerator,
        denominator,
        1,
        Instant.EPOCH);
  }
}
