package dev.assay.benchmarks.analysis;

import dev.assay.analysis.aggregates.Cohort;
import dev.assay.analysis.aggregates.ExperimentLoopStore;
import dev.assay.analysis.aggregates.InMemoryLoopStore;
import dev.assay.analysis.aggregates.RedisLoopStore;
import dev.assay.analysis.exposures.Exposure;
import dev.assay.analysis.metrics.MetricCatalog;
import dev.assay.analysis.metrics.MetricDefinition;
import dev.assay.analysis.metrics.MetricKind;
import dev.assay.analysis.outcomes.AttributionRules;
import dev.assay.analysis.outcomes.OutcomeEvent;
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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The experiment loop's store: (1) outcome ingestion into Redis through {@link RedisLoopStore},
 * events/s over several rounds (median), from several sender threads in batches; (2) memory per
 * exposed unit for one experiment with two metrics, in Redis (sum of {@code MEMORY USAGE} over the
 * experiment's keys) and in memory (heap growth). Usage: {@code [redis-url] [units] [events per
 * round] [rounds] [senders] [batch size]}.
 */
public final class OutcomeIngestionBenchmark {
  private static final String EXPERIMENT = "bench-checkout";

  private OutcomeIngestionBenchmark() {}

  public static void main(String[] args) throws Exception {
    String redisUrl = args.length > 0 ? args[0] : "redis://127.0.0.1:6379";
    int units = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
    int eventsPerRound = args.length > 2 ? Integer.parseInt(args[2]) : 200_000;
    int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 5;
    int senders = args.length > 4 ? Integer.parseInt(args[4]) : 4;
    int batchSize = args.length > 5 ? Integer.parseInt(args[5]) : 1_000;

    MetricCatalog catalog = catalog();
    Clock clock = Clock.systemUTC();
    String prefix = "bench:" + UUID.randomUUID();
    SharedRedisClient client =
        SharedRedisClient.create(new RedisSettings(redisUrl, prefix, Duration.ofSeconds(10)));
    RedisConnection<String, String> direct = client.connect();
    try (RedisLoopStore store = new RedisLoopStore(client, clock, Duration.ofDays(30), 1_000_000)) {
      Instant start = clock.instant().minusSeconds(3600);
      recordExposures(store, units, start);
      long exposureBytes = experimentBytes(direct, prefix);
      // One event per unit and metric: every unit then has a state for both metrics.
      List<OutcomeEvent> perUnit = new ArrayList<>();
      for (int u = 0; u < units; u++) {
        perUnit.add(new OutcomeEvent("m-buy-" + u, "unit-" + u, "buy", 1, start.plusSeconds(1)));
        perUnit.add(
            new OutcomeEvent("m-rev-" + u, "unit-" + u, "revenue", 9.5, start.plusSeconds(1)));
      }
      send(store, catalog, perUnit, senders, batchSize);
      long unitBytes = experimentBytes(direct, prefix);
      long idAndStreamBytes = bytes(direct, prefix + ":analysis:{outcomes}*");
      System.out.printf(
          "Redis, one experiment with 2 metrics, %,d units:%n"
              + "  exposure only: %,.0f bytes per exposed unit (incl. unit index)%n"
              + "  with both metrics' per-unit state: %,.0f bytes per exposed unit%n"
              + "  per outcome event (id kept for dedupe + export stream entry): %,.0f bytes%n",
          units,
          (double) exposureBytes / units,
          (double) unitBytes / units,
          (double) idAndStreamBytes / perUnit.size());

      SplittableRandom random = new SplittableRandom(1);
      double[] rates = new double[rounds];
      for (int round = 0; round < rounds; round++) {
        List<OutcomeEvent> events = new ArrayList<>(eventsPerRound);
        for (int i = 0; i < eventsPerRound; i++) {
          boolean isBuy = random.nextInt(10) == 0;
          events.add(
              new OutcomeEvent(
                  "r" + round + "-" + i,
                  "unit-" + random.nextInt(units),
                  isBuy ? "buy" : "revenue",
                  isBuy ? 1 : random.nextInt(1, 10_000) / 100.0,
                  start.plusSeconds(60 + random.nextInt(3000))));
        }
        long begin = System.nanoTime();
        send(store, catalog, events, senders, batchSize);
        double seconds = (System.nanoTime() - begin) / 1e9;
        rates[round] = eventsPerRound / seconds;
        System.out.printf("round %d: %,.0f events/s%n", round + 1, rates[round]);
      }
      double[] sorted = rates.clone();
      Arrays.sort(sorted);
      System.out.printf(
          "outcome ingestion into Redis (%d senders, batches of %,d): median %,.0f events/s%n",
          senders, batchSize, sorted[rounds / 2]);
      long total =
          store.current(EXPERIMENT, Cohort.ASSIGNED).orElseThrow().variations().stream()
              .mapToLong(v -> v.units())
              .sum();
      System.out.printf("(check: %,d units counted)%n", total);
    } finally {
      deleteKeys(direct, prefix);
      direct.close();
      client.close();
    }
    inMemoryBytesPerUnit(catalog, units);
  }

  private static void inMemoryBytesPerUnit(MetricCatalog catalog, int units) {
    Clock clock = Clock.systemUTC();
    long before = usedHeap();
    InMemoryLoopStore store = new InMemoryLoopStore(clock, Duration.ofDays(30), 1);
    Instant start = clock.instant().minusSeconds(3600);
    recordExposures(store, units, start);
    long afterExposures = usedHeap();
    List<OutcomeEvent> perUnit = new ArrayList<>();
    for (int u = 0; u < units; u++) {
      perUnit.add(new OutcomeEvent("m-buy-" + u, "unit-" + u, "buy", 1, start.plusSeconds(1)));
      perUnit.add(
          new OutcomeEvent("m-rev-" + u, "unit-" + u, "revenue", 9.5, start.plusSeconds(1)));
    }
    for (int from = 0; from < perUnit.size(); from += 1_000) {
      store.recordOutcomes(
          perUnit.subList(from, Math.min(perUnit.size(), from + 1_000)),
          AttributionRules.resolve(catalog, Set.of("buy", "revenue")));
    }
    perUnit = null;
    long afterEvents = usedHeap();
    System.out.printf(
        "In memory, one experiment with 2 metrics, %,d units (export ring of 1):%n"
            + "  exposure only: %,.0f bytes per exposed unit%n"
            + "  with both metrics' per-unit state and 2 remembered event ids: %,.0f bytes per"
            + " unit%n",
        units, (double) (afterExposures - before) / units, (double) (afterEvents - before) / units);
    if (store.experimentKeys().isEmpty()) {
      throw new IllegalStateException("store lost its state");
    }
  }

  private static long usedHeap() {
    Runtime runtime = Runtime.getRuntime();
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return runtime.totalMemory() - runtime.freeMemory();
  }

  private static void recordExposures(ExperimentLoopStore store, int units, Instant start) {
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
      if (batch.size() == 1_000) {
        store.recordExposures(batch);
        batch = new ArrayList<>();
      }
    }
    if (!batch.isEmpty()) {
      store.recordExposures(batch);
    }
  }

  private static void send(
      ExperimentLoopStore store,
      MetricCatalog catalog,
      List<OutcomeEvent> events,
      int senders,
      int batchSize)
      throws Exception {
    ExecutorService threads = Executors.newFixedThreadPool(senders);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int from = 0; from < events.size(); from += batchSize) {
        List<OutcomeEvent> batch = events.subList(from, Math.min(events.size(), from + batchSize));
        done.add(
            threads.submit(
                () ->
                    store.recordOutcomes(
                        batch, AttributionRules.resolve(catalog, Set.of("buy", "revenue")))));
      }
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      threads.shutdownNow();
    }
  }

  /** Bytes of the experiment's keys and the unit index (not outcome ids or streams). */
  private static long experimentBytes(RedisConnection<String, String> redis, String prefix) {
    return bytes(redis, prefix + ":analysis:{exp:" + EXPERIMENT + "}*")
        + bytes(redis, prefix + ":analysis:{unit:*");
  }

  private static long bytes(RedisConnection<String, String> redis, String pattern) {
    long total = 0;
    for (String key : redis.keys(pattern)) {
      Long usage = redis.sync().memoryUsage(key);
      total += usage == null ? 0 : usage;
    }
    return total;
  }

  private static void deleteKeys(RedisConnection<String, String> redis, String prefix) {
    List<String> keys = redis.keys(prefix + ":*");
    for (int from = 0; from < keys.size(); from += 1_000) {
      redis
          .sync()
          .unlink(keys.subList(from, Math.min(keys.size(), from + 1_000)).toArray(new String[0]));
    }
  }

  private static MetricCatalog catalog() {
    Map<String, MetricDefinition> metrics =
        Map.of(
            "buy", metric("buy", MetricKind.CONVERSION),
            "revenue", metric("revenue", MetricKind.SUM));
    return new MetricCatalog() {
      @Override
      public Optional<MetricDefinition> find(String key) {
        return Optional.ofNullable(metrics.get(key));
      }

      @Override
      public List<MetricDefinition> readersOf(String metricKey) {
        return find(metricKey).stream().toList();
      }
    };
  }

  private static MetricDefinition metric(String key, MetricKind kind) {
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
}
