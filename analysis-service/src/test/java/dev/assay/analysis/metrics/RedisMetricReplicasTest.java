package dev.assay.analysis.metrics;

import static dev.assay.runtime.testing.Await.awaitWithin;
import static dev.assay.runtime.testing.GrpcAssertions.assertStatus;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.FieldMask;
import dev.assay.analysis.api.ProtoMetricCodec;
import dev.assay.analysis.v1.CreateMetricRequest;
import dev.assay.analysis.v1.GetMetricRequest;
import dev.assay.analysis.v1.ListMetricsRequest;
import dev.assay.analysis.v1.MetricDefinition;
import dev.assay.analysis.v1.UpdateMetricRequest;
import dev.assay.runtime.redis.RedisSettings;
import dev.assay.runtime.redis.SharedRedisClient;
import dev.assay.runtime.testing.MutableClock;
import dev.assay.runtime.testing.RedisProcess;
import dev.assay.runtime.testing.TestRedis;
import io.grpc.Status;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Metric definitions shared through Redis: replicas see each other's writes within milliseconds, a
 * store Redis lost is written back from memory, and with Redis down writes answer UNAVAILABLE while
 * reads keep being served from memory.
 */
class RedisMetricReplicasTest {
  /**
   * How long another replica may take to show a write: it reloads an announced metric at once and
   * checks the store's revision every 200 ms (create to visible elsewhere: median 52 ms, p90 132
   * ms, measured on a 2-core machine at load 10); the bound leaves room for such a machine.
   */
  private static final Duration SYNC = Duration.ofSeconds(3);

  private final MutableClock clock = MutableClock.atSystemTime();

  private static CreateMetricRequest create(MetricDefinition.Builder metric) {
    return CreateMetricRequest.newBuilder().setMetric(metric).build();
  }

  private static GetMetricRequest get(String key) {
    return GetMetricRequest.newBuilder().setKey(key).build();
  }

  private static UpdateMetricRequest rename(String key, String name, long expectedVersion) {
    return UpdateMetricRequest.newBuilder()
        .setMetric(Metrics.sum(key).setName(name))
        .setUpdateMask(FieldMask.newBuilder().addPaths("name"))
        .setExpectedVersion(expectedVersion)
        .build();
  }

  private MetricReplica replica(SharedRedisClient client) {
    return new MetricReplica(new RedisMetricStore(client, new ProtoMetricCodec()), clock);
  }

  @Test
  void replicasSeeEachOthersWritesWithinTheSyncBound() {
    try (TestRedis redis = new TestRedis();
        MetricReplica a = replica(redis.connect());
        MetricReplica b = replica(redis.connect())) {
      a.metrics.createMetric(create(Metrics.sum("revenue")));
      awaitWithin(SYNC, "b holds a's new metric", () -> b.registry.find("revenue").isPresent());
      assertEquals(a.metrics.getMetric(get("revenue")), b.metrics.getMetric(get("revenue")));

      b.metrics.updateMetric(rename("revenue", "Net revenue", 1));
      awaitWithin(
          SYNC,
          "a holds b's update",
          () -> a.registry.find("revenue").map(m -> m.version() == 2).orElse(false));
      assertEquals("Net revenue", a.registry.find("revenue").orElseThrow().name());

      // Writes are checked against the store, not a replica's copy.
      assertStatus(
          Status.Code.ALREADY_EXISTS, () -> b.metrics.createMetric(create(Metrics.sum("revenue"))));
      assertStatus(
          Status.Code.ABORTED, () -> a.metrics.updateMetric(rename("revenue", "stale", 1)));
    }
  }

  @Test
  void aReplicaStartingLaterLoadsEveryMetric() {
    try (TestRedis redis = new TestRedis()) {
      try (MetricReplica first = replica(redis.connect())) {
        for (int i = 0; i < 25; i++) {
          first.metrics.createMetric(create(Metrics.conversion("m" + i)));
        }
      }
      try (MetricReplica later = replica(redis.connect())) {
        assertEquals(
            25,
            later
                .metrics
                .listMetrics(ListMetricsRequest.newBuilder().setPageSize(100).build())
                .getMetricsCount());
      }
    }
  }

  @Test
  void concurrentUpdatesThroughTwoReplicasNeverLoseOne() throws Exception {
    try (TestRedis redis = new TestRedis();
        MetricReplica a = replica(redis.connect());
        MetricReplica b = replica(redis.connect())) {
      a.metrics.createMetric(create(Metrics.sum("revenue")));
      awaitWithin(SYNC, "b holds the metric", () -> b.registry.find("revenue").isPresent());
      int perReplica = 20;
      Thread[] writers = new Thread[2];
      MetricReplica[] replicas = {a, b};
      for (int w = 0; w < 2; w++) {
        MetricReplica through = replicas[w];
        writers[w] =
            new Thread(
                () -> {
                  int done = 0;
                  while (done < perReplica) {
                    long version =
                        through.metrics.getMetric(get("revenue")).getMetric().getVersion();
                    try {
                      through.metrics.updateMetric(rename("revenue", "n" + done, version));
                      done++;
                    } catch (io.grpc.StatusRuntimeException e) {
                      if (e.getStatus().getCode() != Status.Code.ABORTED) {
                        throw e;
                      }
                      // Lost the race (or read a version the replica had not caught up with).
                      Thread.onSpinWait();
                    }
                  }
                });
        writers[w].start();
      }
      for (Thread writer : writers) {
        writer.join(60_000);
      }
      awaitWithin(
          SYNC,
          "both replicas at the last version",
          () ->
              a.registry.find("revenue").orElseThrow().version() == 1 + 2 * perReplica
                  && b.registry.find("revenue").orElseThrow().version() == 1 + 2 * perReplica);
    }
  }

  @Test
  void aStoreRedisLostIsWrittenBackFromMemory() {
    try (TestRedis redis = new TestRedis();
        MetricReplica a = replica(redis.connect())) {
      a.metrics.createMetric(create(Metrics.sum("revenue")));
      a.metrics.updateMetric(rename("revenue", "Net revenue", 1));
      a.metrics.createMetric(create(Metrics.conversion("orders")));

      TestRedis.deleteKeys(redis.prefix()); // as FLUSHALL or a restart without persistence would

      awaitWithin(
          Duration.ofSeconds(5),
          "the lost metrics are written back",
          () -> {
            try (RedisMetricStore fresh =
                new RedisMetricStore(redis.connect(), new ProtoMetricCodec())) {
              return fresh.loadAll().size() == 2
                  && fresh.find("revenue").orElseThrow().version() == 2;
            }
          });
      assertEquals("Net revenue", a.metrics.getMetric(get("revenue")).getMetric().getName());
      awaitWithin(
          Duration.ofSeconds(5),
          () ->
              assertEquals(
                  3, a.metrics.updateMetric(rename("revenue", "v3", 2)).getMetric().getVersion()));
    }
  }

  @Test
  void withRedisDownWritesAreUnavailableAndReadsAreServedFromMemory() {
    try (RedisProcess server = RedisProcess.ephemeral();
        SharedRedisClient client =
            SharedRedisClient.create(
                new RedisSettings(
                    server.url(), "test:" + UUID.randomUUID(), Duration.ofMillis(500)));
        MetricReplica a = replica(client)) {
      a.metrics.createMetric(create(Metrics.sum("revenue")));

      server.kill();

      assertStatus(
          Status.Code.UNAVAILABLE, () -> a.metrics.createMetric(create(Metrics.sum("orders"))));
      assertStatus(
          Status.Code.UNAVAILABLE, () -> a.metrics.updateMetric(rename("revenue", "down", 1)));
      assertEquals("Revenue revenue", a.metrics.getMetric(get("revenue")).getMetric().getName());
      assertTrue(a.registry.find("revenue").isPresent());
      assertEquals(
          1,
          a.security
              .audit()
              .log()
              .list(dev.assay.runtime.audit.AuditQuery.ALL, 10, "")
              .entries()
              .size());

      server.restart(); // empty: the replica writes its metrics back, then writes resume
      awaitWithin(
          Duration.ofSeconds(10), () -> a.metrics.createMetric(create(Metrics.sum("orders"))));
      awaitWithin(
          Duration.ofSeconds(10),
          () ->
              assertEquals(
                  2,
                  a.metrics.updateMetric(rename("revenue", "back", 1)).getMetric().getVersion()));
    }
  }
}
