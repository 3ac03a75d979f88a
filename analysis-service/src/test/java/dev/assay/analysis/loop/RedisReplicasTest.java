package dev.assay.analysis.loop;

import static dev.assay.analysis.loop.MapMetricCatalog.metric;
import static dev.assay.analysis.loop.MapMetricCatalog.ratio;
import static dev.assay.analysis.loop.MapMetricCatalog.withLookback;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assay.analysis.aggregates.Cohort;
import dev.assay.analysis.aggregates.ExperimentAggregate;
import dev.assay.analysis.aggregates.ExperimentLoopStore;
import dev.assay.analysis.aggregates.MetricMoments;
import dev.assay.analysis.aggregates.RedisLoopStore;
import dev.assay.analysis.aggregates.VariationAggregate;
import dev.assay.analysis.exposures.Exposure;
import dev.assay.analysis.metrics.MetricKind;
import dev.assay.analysis.outcomes.AttributionRules;
import dev.assay.analysis.outcomes.OutcomeEvent;
import dev.assay.runtime.errors.UnavailableException;
import dev.assay.runtime.testing.MutableClock;
import dev.assay.runtime.testing.TestRedis;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Two Redis stores on one prefix (two replicas) writing overlapping, replayed batches from several
 * threads at once: the counts and aggregates are exact, nothing lost, nothing doubled.
 */
class RedisReplicasTest {
  private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");

  @Test
  void concurrentReplayedBatchesOnTwoReplicasGiveExactCounts() throws Exception {
    MapMetricCatalog catalog =
        new MapMetricCatalog()
            .with(
                metric("buy", MetricKind.CONVERSION),
                withLookback(metric("revenue", MetricKind.SUM), Duration.ofDays(1)),
                metric("latency", MetricKind.MEAN),
                metric("clicks", MetricKind.COUNT),
                ratio("rpc", "revenue", "clicks"));
    List<String> metrics = List.of("buy", "revenue", "latency", "clicks", "rpc");
    MutableClock clock = new MutableClock(T0.plus(Duration.ofDays(1)));
    try (TestRedis redis = new TestRedis()) {
      List<ExperimentLoopStore> replicas =
          List.of(
              redis.closeLater(
                  new RedisLoopStore(redis.connect(), clock, Duration.ofDays(1), 100_000)),
              redis.closeLater(
                  new RedisLoopStore(redis.connect(), clock, Duration.ofDays(1), 100_000)));
      SplittableRandom random = new SplittableRandom(42);
      List<List<Exposure>> exposureBatches = new ArrayList<>();
      for (int b = 0; b < 20; b++) {
        List<Exposure> batch = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
          int unit = random.nextInt(600);
          batch.add(
              new Exposure(
                  "race",
                  unit % 2,
                  "v" + unit % 2,
                  "u" + unit,
                  T0.plusSeconds(unit),
                  unit % 17 == 0,
                  List.of(0.5, 0.5)));
        }
        exposureBatches.add(batch);
      }
      List<List<OutcomeEvent>> eventBatches = new ArrayList<>();
      int id = 0;
      for (int b = 0; b < 40; b++) {
        List<OutcomeEvent> batch = new ArrayList<>();
        if (b % 4 == 3) {
          // batches overlap: every fourth one repeats half of the one before
          batch.addAll(eventBatches.get(b - 1).subList(0, 50));
        }
        while (batch.size() < 100) {
          int unit = random.nextInt(650);
          String metric = List.of("buy", "revenue", "latency", "clicks").get(random.nextInt(4));
          int eventId = id++;
          batch.add(
              new OutcomeEvent(
                  "ev" + eventId,
                  "u" + unit,
                  metric,
                  random.nextInt(1, 100) / 4.0,
                  T0.plusSeconds(random.nextInt(-3600, 7200))));
        }
        eventBatches.add(batch);
      }

      AtomicLong exposuresRecorded = new AtomicLong();
      runConcurrently(
          exposureBatches,
          (replica, batch) ->
              exposuresRecorded.addAndGet(replica.recordExposures(batch).recorded()),
          replicas);
      AtomicLong eventsRecorded = new AtomicLong();
      AtomicLong retries = new AtomicLong();
      runConcurrently(
          eventBatches,
          (replica, batch) -> {
            Set<String> keys = new java.util.HashSet<>();
            batch.forEach(e -> keys.add(e.metricKey()));
            // Another replica recording the same events now answers UNAVAILABLE: retry, as a
            // client would.
            while (true) {
              try {
                eventsRecorded.addAndGet(
                    replica
                        .recordOutcomes(batch, AttributionRules.resolve(catalog, keys))
                        .recorded());
                return;
              } catch (UnavailableException e) {
                retries.incrementAndGet();
              }
            }
          },
          replicas);

      // Offline: the exposures, then each event batch once (replays change nothing).
      List<OfflineAggregates.Sent> history = new ArrayList<>();
      exposureBatches.forEach(b -> history.add(new OfflineAggregates.SentExposures(b)));
      eventBatches.forEach(b -> history.add(new OfflineAggregates.SentEvents(b)));
      long distinctUnits =
          exposureBatches.stream().flatMap(List::stream).map(Exposure::unitId).distinct().count();
      long distinctEvents =
          eventBatches.stream().flatMap(List::stream).map(OutcomeEvent::eventId).distinct().count();
      assertEquals(distinctUnits, exposuresRecorded.get());
      // A call answering UNAVAILABLE may have recorded part of its batch: its retry counts those
      // as duplicates, so the responses' sum is at most the distinct events; the stream is exact.
      assertTrue(eventsRecorded.get() <= distinctEvents);
      assertEquals(
          distinctEvents,
          replicas.get(0).exportOutcomes("", "", 100_000).items().size(),
          "each event exported once");
      // Exposure export is at least once (docs: two writers of one first exposure may both
      // export it): every exposed unit is there, keyed by (experiment, unit).
      assertEquals(
          distinctUnits,
          replicas.get(1).exportExposures("", "", 100_000).items().stream()
              .map(x -> x.item().unitId())
              .distinct()
              .count());
      for (Cohort cohort : Cohort.values()) {
        Map<Integer, Long> units = new TreeMap<>();
        Map<Integer, Map<String, OfflineAggregates.Expected>> expected =
            OfflineAggregates.compute(history, catalog, metrics, "race", cohort, units);
        ExperimentAggregate actual = replicas.get(1).current("race", cohort).orElseThrow();
        for (VariationAggregate v : actual.variations()) {
          assertEquals(units.get(v.variationIndex()), v.units());
          for (String metric : metrics) {
            OfflineAggregates.Expected e = expected.get(v.variationIndex()).get(metric);
            MetricMoments m = v.metrics().get(metric);
            assertEquals(e.units(), m.units(), metric);
            double[] a = {
              m.units(),
              m.sum(),
              m.sumSquares(),
              m.denominatorSum(),
              m.denominatorSumSquares(),
              m.crossSum(),
              m.covariateSum(),
              m.covariateSumSquares(),
              m.covariateCrossSum()
            };
            for (int i = 1; i < 9; i++) {
              LoopStoreContract.assertClose(e.sums()[i], a[i], cohort + " " + metric + " " + i);
            }
          }
        }
      }
    }
  }

  /** Each batch three times, shuffled, by four threads, each call on a random replica. */
  private static <B> void runConcurrently(
      List<B> batches,
      java.util.function.BiConsumer<ExperimentLoopStore, B> send,
      List<ExperimentLoopStore> replicas)
      throws Exception {
    List<B> work = new ArrayList<>();
    for (int copy = 0; copy < 3; copy++) {
      work.addAll(batches);
    }
    Collections.shuffle(work, new java.util.Random(7));
    ExecutorService threads = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int i = 0; i < work.size(); i++) {
        B batch = work.get(i);
        ExperimentLoopStore replica = replicas.get(i % 2);
        done.add(threads.submit(() -> send.accept(replica, batch)));
      }
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      threads.shutdownNow();
    }
  }
}
