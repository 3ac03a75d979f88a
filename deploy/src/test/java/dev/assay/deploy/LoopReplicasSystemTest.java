package dev.assay.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assay.analysis.v1.ExperimentResults;
import dev.assay.analysis.v1.GetMetricRequest;
import dev.assay.analysis.v1.MetricServiceGrpc;
import dev.assay.analysis.v1.RecordOutcomesRequest;
import dev.assay.analysis.v1.VariationMetricResult;
import dev.assay.assignment.v1.EvaluateRequest;
import dev.assay.assignment.v1.MonitorPolicy;
import dev.assay.runtime.testing.RedisProcess;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two assignment and two analysis replicas on one Redis (its own process, so the test may kill it):
 * every unit is evaluated on both assignment replicas, every outcome batch is sent to both analysis
 * replicas at once and then again; the results must count each unit and each event exactly once.
 * Then Redis goes away.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LoopReplicasSystemTest {
  private static final int UNITS = 10_000;

  @TempDir static Path logs;
  private static RedisProcess redis;
  private static final List<ServiceProcess> services = new ArrayList<>();
  private static LoopClient viaFirst;
  private static LoopClient viaSecond;

  @BeforeAll
  static void startTwoReplicasOfEach() throws Exception {
    redis = RedisProcess.ephemeral();
    String prefix = "loop-replicas-" + System.nanoTime();
    List<String> onRedis = List.of("--redis-url=" + redis.url(), "--redis-key-prefix=" + prefix);
    int a1 = ServiceProcess.freePort();
    int a2 = ServiceProcess.freePort();
    int n1 = ServiceProcess.freePort();
    int n2 = ServiceProcess.freePort();
    services.add(start("analysis", n1, onRedis, "--assignment-target=127.0.0.1:" + a1));
    services.add(start("analysis", n2, onRedis, "--assignment-target=127.0.0.1:" + a2));
    services.add(start("assignment", a1, onRedis, "--analysis-target=127.0.0.1:" + n1));
    services.add(start("assignment", a2, onRedis, "--analysis-target=127.0.0.1:" + n2));
    viaFirst = new LoopClient("127.0.0.1:" + a1, "127.0.0.1:" + n1);
    viaSecond = new LoopClient("127.0.0.1:" + a2, "127.0.0.1:" + n2);
  }

  private static ServiceProcess start(String service, int port, List<String> common, String peer)
      throws Exception {
    List<String> flags = new ArrayList<>(common);
    flags.add(peer);
    if (service.equals("assignment")) {
      flags.add("--exposure-flush-interval=100ms");
    }
    return ServiceProcess.start(service, port, logs, flags);
  }

  @AfterAll
  static void stopEverything() {
    if (viaFirst != null) {
      viaFirst.close();
      viaSecond.close();
    }
    services.forEach(ServiceProcess::close);
    if (redis != null) {
      redis.close();
    }
  }

  @Test
  @Order(1)
  void replayedAndConcurrentBatchesThroughTwoReplicasCountEachUnitAndEventOnce() throws Exception {
    String experiment = "replicated-checkout";
    viaFirst.createMetrics("purchase-r", "latency-r");
    viaFirst.createExperiment(
        experiment, "purchase-r", "latency-r", 0, MonitorPolicy.getDefaultInstance());
    awaitMetricOnSecondReplica("latency-r");
    awaitExperimentOnSecondReplica(experiment);

    List<String> ids = new ArrayList<>();
    for (int i = 0; i < UNITS; i++) {
      ids.add("replica-user-" + i);
    }
    ExecutorService threads = Executors.newFixedThreadPool(4);
    try {
      Future<Map<String, Integer>> first =
          threads.submit(() -> viaFirst.evaluateAll(ids, experiment));
      Future<Map<String, Integer>> second =
          threads.submit(() -> viaSecond.evaluateAll(ids, experiment));
      Map<String, Integer> variations = first.get(120, TimeUnit.SECONDS);
      assertEquals(variations, second.get(120, TimeUnit.SECONDS), "replicas assign alike");

      SimulatedExperiment simulation = new SimulatedExperiment();
      SplittableRandom random = new SplittableRandom(42);
      for (String id : ids) {
        simulation.draw(
            id, variations.get(id), new double[] {0.2, 0.25}, new double[] {100, 100}, random);
      }
      for (LoopClient replica : List.of(viaFirst, viaSecond)) {
        replica.awaitResults(experiment, r -> LoopClient.exposedUnits(r) == UNITS, 60);
      }

      List<RecordOutcomesRequest> batches =
          viaFirst.outcomeBatches(
              simulation, "purchase-r", "latency-r", Instant.now().plusSeconds(1), 2_000);
      AtomicLong recorded = new AtomicLong();
      List<Future<?>> sends = new ArrayList<>();
      for (LoopClient replica : List.of(viaFirst, viaSecond, viaFirst, viaSecond)) {
        sends.add(
            threads.submit(
                () -> {
                  for (RecordOutcomesRequest batch : batches) {
                    recorded.addAndGet(replica.recordRetrying(batch));
                  }
                  return null;
                }));
      }
      for (Future<?> send : sends) {
        send.get(120, TimeUnit.SECONDS);
      }
      long events = batches.stream().mapToLong(RecordOutcomesRequest::getEventsCount).sum();
      // An attempt refused UNAVAILABLE may have recorded part of its batch before the retry saw
      // those events as duplicates: the responses never count an event twice, and the results
      // below count every event exactly once.
      assertTrue(recorded.get() <= events, "no event recorded twice: " + recorded.get());

      for (LoopClient replica : List.of(viaFirst, viaSecond)) {
        ExperimentResults results = replica.results(experiment);
        for (int v = 0; v < 2; v++) {
          assertEquals(simulation.units(v), results.getVariations(v).getUnits());
          VariationMetricResult purchase =
              results.getMetricsList().stream()
                  .filter(m -> m.getMetricKey().equals("purchase-r"))
                  .findFirst()
                  .orElseThrow()
                  .getVariations(v);
          ExperimentLoopSystemTest.assertClose(
              (double) simulation.purchases(v) / simulation.units(v),
              purchase.getValue(),
              "conversion rate of variation " + v);
        }
      }
    } finally {
      threads.shutdownNow();
    }
  }

  @Test
  @Order(2)
  void withRedisGoneOutcomesAreUnavailableAndEvaluationGoesOn() {
    redis.kill();
    StatusRuntimeException refused =
        assertThrows(
            StatusRuntimeException.class,
            () ->
                viaFirst.record(
                    viaFirst
                        .outcomeBatches(oneUnit(), "purchase-r", "latency-r", Instant.now(), 10)
                        .get(0)));
    assertEquals(Status.Code.UNAVAILABLE, refused.getStatus().getCode(), refused::toString);
    assertTrue(
        viaSecond
            .evaluation()
            .evaluate(
                EvaluateRequest.newBuilder()
                    .setUnitId("replica-user-1")
                    .addExperimentKeys("replicated-checkout")
                    .build())
            .getAssignments(0)
            .getInExperiment(),
        "evaluation answers from memory");
  }

  private static SimulatedExperiment oneUnit() {
    SimulatedExperiment simulation = new SimulatedExperiment();
    simulation.draw(
        "replica-user-1", 0, new double[] {1.0}, new double[] {100}, new SplittableRandom(1));
    return simulation;
  }

  private static void awaitMetricOnSecondReplica(String key) throws InterruptedException {
    MetricServiceGrpc.MetricServiceBlockingStub metrics =
        MetricServiceGrpc.newBlockingStub(viaSecond.analysisChannel());
    for (int attempt = 0; attempt < 100; attempt++) {
      try {
        metrics.getMetric(GetMetricRequest.newBuilder().setKey(key).build());
        return;
      } catch (StatusRuntimeException e) {
        Thread.sleep(50);
      }
    }
    throw new AssertionError("metric " + key + " never reached the second analysis replica");
  }

  private static void awaitExperimentOnSecondReplica(String key) throws InterruptedException {
    for (int attempt = 0; attempt < 100; attempt++) {
      try {
        viaSecond.experiment(key);
        return;
      } catch (StatusRuntimeException e) {
        Thread.sleep(50);
      }
    }
    throw new AssertionError("experiment " + key + " never reached the second assignment replica");
  }
}
