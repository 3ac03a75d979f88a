package dev.assay.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assay.analysis.v1.ExperimentResults;
import dev.assay.analysis.v1.ListMonitorActionsRequest;
import dev.assay.analysis.v1.MetricResults;
import dev.assay.analysis.v1.MonitorAction;
import dev.assay.analysis.v1.MonitorActionKind;
import dev.assay.analysis.v1.MonitorServiceGrpc;
import dev.assay.analysis.v1.RecordOutcomesRequest;
import dev.assay.analysis.v1.RecordOutcomesResponse;
import dev.assay.analysis.v1.VariationMetricResult;
import dev.assay.assignment.v1.ExperimentStatus;
import dev.assay.assignment.v1.MonitorPolicy;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The experiment loop end to end on the embedded default, as {@code deploy/local/run.sh} starts it:
 * the assignment and analysis jars in their own processes over real gRPC, exposures streamed from
 * one to the other, outcomes reported by the "backend", results and the monitor read back.
 */
class ExperimentLoopSystemTest {
  private static final double EXACT = 1e-9;
  private static final int MONITOR_INTERVAL_SECONDS = 2;

  @TempDir static Path logs;
  private static ServiceProcess analysis;
  private static ServiceProcess assignment;
  private static LoopClient client;

  @BeforeAll
  static void startThePlatform() throws IOException, InterruptedException {
    int assignmentPort = ServiceProcess.freePort();
    int analysisPort = ServiceProcess.freePort();
    analysis =
        ServiceProcess.start(
            "analysis",
            analysisPort,
            logs,
            List.of(
                "--assignment-target=127.0.0.1:" + assignmentPort,
                "--monitor-interval=" + MONITOR_INTERVAL_SECONDS + "s"));
    assignment =
        ServiceProcess.start(
            "assignment",
            assignmentPort,
            logs,
            List.of(
                "--analysis-target=127.0.0.1:" + analysisPort, "--exposure-flush-interval=100ms"));
    client = new LoopClient(assignment.address(), analysis.address());
  }

  @AfterAll
  static void stopThePlatform() throws InterruptedException {
    if (client != null) {
      client.close();
    }
    if (assignment != null) {
      assignment.close();
    }
    if (analysis != null) {
      analysis.close();
    }
  }

  @Test
  void resultsOfFiftyThousandUnitsEqualAnOfflineComputationFromTheRawEvents() throws Exception {
    String experiment = "checkout-button-e2e";
    client.createMetrics("purchase-e2e", "latency-e2e");
    client.createExperiment(
        experiment,
        "purchase-e2e",
        "latency-e2e",
        50_000,
        MonitorPolicy.newBuilder().setStopOnGuardrailBreach(true).build());
    SimulatedExperiment simulation =
        simulate(experiment, 50_000, new double[] {0.10, 0.12}, new double[] {200, 200}, 20261202);
    ExperimentResults results =
        client.awaitResults(experiment, r -> LoopClient.exposedUnits(r) == 50_000, 60);
    assertEquals(simulation.units(0), results.getVariations(0).getUnits());
    assertEquals(simulation.units(1), results.getVariations(1).getUnits());

    List<RecordOutcomesRequest> batches =
        client.outcomeBatches(
            simulation, "purchase-e2e", "latency-e2e", Instant.now().plusSeconds(1), 5_000);
    long recorded = 0;
    for (RecordOutcomesRequest batch : batches) {
      recorded += client.record(batch).getRecorded();
    }
    RecordOutcomesResponse replay = client.record(batches.get(0));
    assertEquals(0, replay.getRecorded(), "a replayed batch records nothing");
    assertEquals(batches.get(0).getEventsCount(), replay.getDuplicates());
    assertEquals(batches.stream().mapToLong(RecordOutcomesRequest::getEventsCount).sum(), recorded);

    results = client.results(experiment);
    assertFalse(results.getSampleRatio().getMismatch(), results::toString);
    MetricResults purchase = metric(results, "purchase-e2e");
    for (int v = 0; v < 2; v++) {
      VariationMetricResult row = purchase.getVariations(v);
      assertEquals(simulation.units(v), row.getUnits());
      assertClose((double) simulation.purchases(v) / simulation.units(v), row.getValue(), "rate");
    }
    double controlRate = (double) simulation.purchases(0) / simulation.units(0);
    double greenRate = (double) simulation.purchases(1) / simulation.units(1);
    VariationMetricResult green = purchase.getVariations(1);
    assertClose(greenRate - controlRate, green.getAbsoluteLift().getEstimate(), "lift");
    assertTrue(
        green.getAbsoluteLift().getInterval().getLower() < 0.02
            && 0.02 < green.getAbsoluteLift().getInterval().getUpper(),
        () -> "the true lift 0.02 lies in " + green.getAbsoluteLift());
    new OfflineReference(client.analysisChannel(), simulation).assertMatches(results);

    MetricResults latency = metric(results, "latency-e2e");
    for (int v = 0; v < 2; v++) {
      double[] means = simulation.unitLatencyMeans(v);
      assertEquals(means.length, latency.getVariations(v).getUnits());
      assertClose(SimulatedExperiment.mean(means), latency.getVariations(v).getValue(), "latency");
    }
    assertEquals(
        ExperimentStatus.EXPERIMENT_STATUS_RUNNING, client.experiment(experiment).getStatus());
  }

  @Test
  void aBreachedGuardrailStopsTheExperimentWithinTwoMonitorIntervals() throws Exception {
    String experiment = "checkout-slow-e2e";
    client.createMetrics("purchase-slow", "latency-slow");
    client.createExperiment(
        experiment,
        "purchase-slow",
        "latency-slow",
        100_000,
        MonitorPolicy.newBuilder().setStopOnGuardrailBreach(true).build());
    SimulatedExperiment simulation =
        simulate(experiment, 6_000, new double[] {0.10, 0.10}, new double[] {200, 260}, 7);
    client.awaitResults(experiment, r -> LoopClient.exposedUnits(r) == 6_000, 60);
    for (RecordOutcomesRequest batch :
        client.outcomeBatches(
            simulation, "purchase-slow", "latency-slow", Instant.now().plusSeconds(1), 5_000)) {
      client.record(batch);
    }
    long recordedAt = System.nanoTime();
    long deadline = recordedAt + TimeUnit.SECONDS.toNanos(2L * MONITOR_INTERVAL_SECONDS + 1);
    while (client.experiment(experiment).getStatus() != ExperimentStatus.EXPERIMENT_STATUS_STOPPED
        && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertEquals(
        ExperimentStatus.EXPERIMENT_STATUS_STOPPED,
        client.experiment(experiment).getStatus(),
        "stopped within two monitor intervals");
    assertFalse(client.experiment(experiment).hasRolledOutVariation(), "nothing rolled out");
    List<MonitorAction> actions =
        MonitorServiceGrpc.newBlockingStub(client.analysisChannel())
            .listMonitorActions(
                ListMonitorActionsRequest.newBuilder().setExperimentKey(experiment).build())
            .getActionsList();
    assertEquals(1, actions.size(), actions::toString);
    assertEquals(
        MonitorActionKind.MONITOR_ACTION_KIND_STOPPED_GUARDRAIL_BREACH, actions.get(0).getKind());
    assertTrue(actions.get(0).getApplied());
    assertTrue(actions.get(0).getReason().contains("latency-slow"), actions.get(0)::getReason);
  }

  /** Evaluates every unit through the service and draws its outcomes for the variation it got. */
  private static SimulatedExperiment simulate(
      String experiment, int units, double[] rates, double[] latencies, long seed)
      throws InterruptedException {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < units; i++) {
      ids.add(experiment + "-user-" + i);
    }
    Map<String, Integer> variations = client.evaluateAll(ids, experiment);
    SimulatedExperiment simulation = new SimulatedExperiment();
    SplittableRandom random = new SplittableRandom(seed);
    for (String id : ids) {
      int variation = variations.get(id);
      assertTrue(variation >= 0, "every unit is in the experiment");
      simulation.draw(id, variation, rates, latencies, random);
    }
    return simulation;
  }

  private static MetricResults metric(ExperimentResults results, String key) {
    return results.getMetricsList().stream()
        .filter(m -> m.getMetricKey().equals(key))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + key + " in " + results));
  }

  static void assertClose(double expected, double actual, String what) {
    double scale = Math.max(1e-300, Math.abs(expected));
    assertTrue(
        Math.abs(expected - actual) <= EXACT * scale,
        () -> what + ": expected " + expected + ", got " + actual);
  }
}
