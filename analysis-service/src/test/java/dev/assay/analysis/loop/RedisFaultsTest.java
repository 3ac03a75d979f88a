package dev.assay.analysis.loop;

import static dev.assay.analysis.loop.MapMetricCatalog.metric;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.assay.analysis.aggregates.Cohort;
import dev.assay.analysis.aggregates.RedisLoopStore;
import dev.assay.analysis.exposures.Exposure;
import dev.assay.analysis.exposures.ExposureCounts;
import dev.assay.analysis.metrics.MetricKind;
import dev.assay.analysis.outcomes.AttributionRules;
import dev.assay.analysis.outcomes.OutcomeCounts;
import dev.assay.analysis.outcomes.OutcomeEvent;
import dev.assay.runtime.errors.UnavailableException;
import dev.assay.runtime.redis.RedisConnection;
import dev.assay.runtime.redis.RedisSettings;
import dev.assay.runtime.redis.SharedRedisClient;
import dev.assay.runtime.testing.Await;
import dev.assay.runtime.testing.MutableClock;
import dev.assay.runtime.testing.RedisProcess;
import dev.assay.runtime.testing.TestRedis;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Redis failures answer UNAVAILABLE, and retrying afterwards ends in the exact state. */
class RedisFaultsTest {
  private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
  private final MutableClock clock = new MutableClock(T0);
  private final MapMetricCatalog catalog =
      new MapMetricCatalog().with(metric("revenue", MetricKind.SUM));

  private AttributionRules rules() {
    return AttributionRules.resolve(catalog, Set.of("revenue"));
  }

  private static List<Exposure> exposures() {
    return List.of(
        new Exposure("x", 0, "a", "u1", T0, false, List.of(0.5, 0.5)),
        new Exposure("x", 1, "b", "u2", T0, false, List.of(0.5, 0.5)));
  }

  private static List<OutcomeEvent> events() {
    return List.of(
        new OutcomeEvent("e1", "u1", "revenue", 3, T0.plusSeconds(1)),
        new OutcomeEvent("e2", "u2", "revenue", 5, T0.plusSeconds(1)),
        new OutcomeEvent("e3", "u1", "revenue", 7, T0.plusSeconds(2)));
  }

  private static double revenue(RedisLoopStore store, int variation) {
    return store.current("x", Cohort.ASSIGNED).orElseThrow().variations().stream()
        .filter(v -> v.variationIndex() == variation)
        .findFirst()
        .orElseThrow()
        .metrics()
        .get("revenue")
        .sum();
  }

  @Test
  void redisDownAnswersUnavailableAndARetryAfterRestartIsExact() {
    try (RedisProcess server = RedisProcess.persistent()) {
      SharedRedisClient client =
          SharedRedisClient.create(
              new RedisSettings(server.url(), "faults", Duration.ofMillis(500)));
      try (RedisLoopStore store = new RedisLoopStore(client, clock, Duration.ofDays(1), 1_000)) {
        assertEquals(new ExposureCounts(2, 0), store.recordExposures(exposures()));
        server.kill();
        assertThrows(UnavailableException.class, () -> store.recordOutcomes(events(), rules()));
        assertThrows(UnavailableException.class, () -> store.recordExposures(exposures()));
        server.restart();
        Await.awaitWithin(
            Duration.ofSeconds(20),
            "the store writes again",
            () -> {
              try {
                store.recordOutcomes(events(), rules());
                return true;
              } catch (UnavailableException e) {
                return false;
              }
            });
        assertEquals(new OutcomeCounts(0, 3, 0), store.recordOutcomes(events(), rules()));
        assertEquals(10, revenue(store, 0));
        assertEquals(5, revenue(store, 1));
        assertEquals(3, store.exportOutcomes("", "", 10).items().size());
      } finally {
        client.close();
      }
    }
  }

  @Test
  void aBatchThatFailedHalfwayCountsOnceWhenRetried() {
    try (TestRedis redis = new TestRedis()) {
      SharedRedisClient client = redis.connect();
      RedisLoopStore store =
          redis.closeLater(new RedisLoopStore(client, clock, Duration.ofDays(1), 1_000));
      RedisConnection<String, String> direct = redis.closeLater(client.connect());
      String exposureStream = redis.prefix() + ":analysis:{exposures}:stream";
      String outcomeStream = redis.prefix() + ":analysis:{outcomes}:stream";

      // The experiment's script counts the units, then exporting them fails.
      direct.sync().set(exposureStream, "not a stream");
      assertThrows(UnavailableException.class, () -> store.recordExposures(exposures()));
      direct.sync().del(exposureStream);
      assertEquals(new ExposureCounts(0, 2), store.recordExposures(exposures()));
      assertEquals(2, store.exportExposures("", "", 10).items().size(), "exported on the retry");
      assertEquals(new ExposureCounts(0, 2), store.recordExposures(exposures()));
      assertEquals(2, store.exportExposures("", "", 10).items().size(), "and only once");

      // The events are attributed, then marking them recorded fails.
      direct.sync().set(outcomeStream, "not a stream");
      assertThrows(UnavailableException.class, () -> store.recordOutcomes(events(), rules()));
      direct.sync().del(outcomeStream);
      assertEquals(new OutcomeCounts(3, 0, 0), store.recordOutcomes(events(), rules()));
      assertEquals(new OutcomeCounts(0, 3, 0), store.recordOutcomes(events(), rules()));
      assertEquals(10, revenue(store, 0));
      assertEquals(5, revenue(store, 1));
      assertEquals(3, store.exportOutcomes("", "", 10).items().size());
    }
  }

  @Test
  void idsOfARequestThatDiedAreTakenOverOnceItsLeaseEnds() {
    try (TestRedis redis = new TestRedis()) {
      SharedRedisClient client = redis.connect();
      RedisLoopStore store =
          redis.closeLater(new RedisLoopStore(client, clock, Duration.ofDays(1), 1_000));
      RedisConnection<String, String> direct = redis.closeLater(client.connect());
      store.recordExposures(exposures());
      // A request claimed e1 and e2 and died before marking them: its lease (Redis clock) is over.
      String base = redis.prefix() + ":analysis:{outcomes}:";
      direct.sync().hset(base + "req:dead", "lease", "1");
      direct.sync().set(base + "id:e1", "dead:0");
      direct.sync().set(base + "id:e2", "dead:0");

      assertEquals(new OutcomeCounts(3, 0, 3), store.recordOutcomes(events(), rules()));
      assertEquals(new OutcomeCounts(0, 3, 0), store.recordOutcomes(events(), rules()));
      assertEquals(10, revenue(store, 0));
      assertEquals(5, revenue(store, 1));
      assertEquals(3, store.exportOutcomes("", "", 10).items().size());
    }
  }

  @Test
  void idsAnotherRequestIsRecordingAnswerUnavailableAndTheRestIsRecorded() {
    try (TestRedis redis = new TestRedis()) {
      SharedRedisClient client = redis.connect();
      RedisLoopStore store =
          redis.closeLater(new RedisLoopStore(client, clock, Duration.ofDays(1), 1_000));
      RedisConnection<String, String> direct = redis.closeLater(client.connect());
      store.recordExposures(exposures());
      // Another replica's request holds e2 now: its lease runs for a long while yet.
      String base = redis.prefix() + ":analysis:{outcomes}:";
      direct.sync().hset(base + "req:live", "lease", Long.toString(Long.MAX_VALUE / 2));
      direct.sync().set(base + "id:e2", "live:0");

      UnavailableException busy =
          assertThrows(UnavailableException.class, () -> store.recordOutcomes(events(), rules()));
      assertEquals(
          "1 events of this batch are being recorded by another request; retry", busy.getMessage());
      assertEquals(10, revenue(store, 0), "the rest is recorded");
      assertEquals(2, store.exportOutcomes("", "", 10).items().size());

      // That request marks its chunk recorded: the client's retry finds every id a duplicate.
      direct.sync().hset(base + "req:live", "0", "1");
      assertEquals(new OutcomeCounts(0, 3, 0), store.recordOutcomes(events(), rules()));
      assertEquals(10, revenue(store, 0));
    }
  }

  @Test
  void idsRecordedByEarlierVersionsStayDuplicates() {
    try (TestRedis redis = new TestRedis()) {
      SharedRedisClient client = redis.connect();
      RedisLoopStore store =
          redis.closeLater(new RedisLoopStore(client, clock, Duration.ofDays(1), 1_000));
      RedisConnection<String, String> direct = redis.closeLater(client.connect());
      store.recordExposures(exposures());
      String base = redis.prefix() + ":analysis:{outcomes}:";
      direct.sync().set(base + "id:e1", "d");
      direct.sync().set(base + "id:e3", "p|f3b1c8e2|1");

      assertEquals(new OutcomeCounts(2, 1, 2), store.recordOutcomes(events(), rules()));
      assertEquals(7, revenue(store, 0), "e1 was recorded before; e3's old claim had expired");
    }
  }

  @Test
  void aBatchTakenOverTwiceAfterFailuresStillCountsOnce() {
    try (TestRedis redis = new TestRedis()) {
      SharedRedisClient client = redis.connect();
      RedisLoopStore store =
          redis.closeLater(new RedisLoopStore(client, clock, Duration.ofDays(1), 1_000));
      RedisConnection<String, String> direct = redis.closeLater(client.connect());
      store.recordExposures(exposures());
      String outcomeStream = redis.prefix() + ":analysis:{outcomes}:stream";
      String unitIndex = redis.prefix() + ":analysis:{unit:u1}:exps";

      // First request: attributes, then fails to mark (export stream broken).
      direct.sync().set(outcomeStream, "not a stream");
      assertThrows(UnavailableException.class, () -> store.recordOutcomes(events(), rules()));
      direct.sync().del(outcomeStream);
      // Second: takes the ids over, then fails before attributing (unit index broken).
      direct.sync().del(unitIndex);
      direct.sync().set(unitIndex, "not a set");
      assertThrows(UnavailableException.class, () -> store.recordOutcomes(events(), rules()));
      direct.sync().del(unitIndex);
      direct.sync().sadd(unitIndex, "x");

      // Third: takes them over from the second, and still skips what the first attributed.
      assertEquals(new OutcomeCounts(3, 0, 0), store.recordOutcomes(events(), rules()));
      assertEquals(10, revenue(store, 0));
      assertEquals(5, revenue(store, 1));
      assertEquals(3, store.exportOutcomes("", "", 10).items().size());
    }
  }
}
