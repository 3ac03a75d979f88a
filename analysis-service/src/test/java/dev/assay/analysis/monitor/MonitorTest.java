package dev.assay.analysis.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assay.assignment.v1.Experiment;
import dev.assay.assignment.v1.ExperimentStatus;
import dev.assay.assignment.v1.MonitorPolicy;
import dev.assay.runtime.audit.AuditEntry;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The monitor against a fake assignment service: what it stops, when, and what it records. */
class MonitorTest {
  private static final String KEY = "checkout-button";
  private static final MonitorPolicy GUARD =
      MonitorPolicy.newBuilder().setStopOnGuardrailBreach(true).build();
  private static final MonitorPolicy SUCCESS =
      MonitorPolicy.newBuilder().setStopOnSuccess(true).setRollOutWinner(true).build();
  private static final MonitorPolicy SRM =
      MonitorPolicy.newBuilder().setAlertOnSampleRatioMismatch(true).build();

  private final MonitorHarness h = new MonitorHarness();

  @AfterEach
  void close() {
    h.close();
  }

  @Test
  void aBreachedGuardrailStopsTheExperimentWithinTwoIntervalsWithItsEvidence() {
    h.assignment.put(MonitorHarness.experiment(KEY, 100_000, GUARD));
    // First interval: little data, latency a little worse: inconclusive, nothing happens.
    h.observe(KEY, new long[] {200, 200}, new long[] {20, 21}, new double[] {200, 204}, 2_500);
    assertEquals(1, h.run());
    assertEquals(ExperimentStatus.EXPERIMENT_STATUS_RUNNING, h.assignment.get(KEY).getStatus());
    // Second interval: latency 30% worse than control, far beyond the 5% margin.
    h.observe(
        KEY, new long[] {5_000, 5_000}, new long[] {500, 510}, new double[] {200, 260}, 2_500);
    h.run();

    Experiment stopped = h.assignment.get(KEY);
    assertEquals(ExperimentStatus.EXPERIMENT_STATUS_STOPPED, stopped.getStatus());
    assertFalse(stopped.hasRolledOutVariation(), "a guardrail stop rolls nothing out");
    assertEquals(4, stopped.getVersion(), "updated once, at the version read");
    String reason = h.assignment.updateReasons().get(0);
    assertTrue(reason.startsWith("monitor: guardrail latency breached by treatment"), reason);
    assertTrue(reason.contains("always-valid interval ["), reason);
    assertTrue(reason.contains("margin 10"), reason);

    List<MonitorAction> actions = h.actions();
    assertEquals(1, actions.size());
    MonitorAction action = actions.get(0);
    assertEquals(MonitorActionKind.STOPPED_GUARDRAIL_BREACH, action.kind());
    assertTrue(action.isApplied());
    assertEquals(reason, action.reason());
    assertEquals(h.clock.instant(), action.time());

    List<AuditEntry> audit = h.audit();
    assertEquals(1, audit.size());
    assertEquals("system:monitor", audit.get(0).actor());
    assertEquals(KEY, audit.get(0).resourceId());
    assertEquals(reason, audit.get(0).reason());

    // Stopped experiments are no longer running: nothing more happens.
    assertEquals(0, h.run());
    assertEquals(1, h.actions().size());
  }

  @Test
  void aConclusiveWinnerWithGuardrailsHoldingIsStoppedAndRolledOut() {
    h.assignment.put(MonitorHarness.experiment(KEY, 1_000_000, SUCCESS));
    h.observe(
        KEY,
        new long[] {10_000, 10_000},
        new long[] {1_000, 1_300},
        new double[] {200, 200},
        2_500);
    h.run();

    Experiment stopped = h.assignment.get(KEY);
    assertEquals(ExperimentStatus.EXPERIMENT_STATUS_STOPPED, stopped.getStatus());
    assertEquals(1, stopped.getRolledOutVariation());
    MonitorAction action = h.actions().get(0);
    assertEquals(MonitorActionKind.STOPPED_SUCCESS, action.kind());
    assertEquals(Optional.of("treatment"), action.rolledOutVariation());
    assertTrue(action.reason().contains("treatment wins on checkout"), action.reason());
  }

  @Test
  void aWinnerWhoseGuardrailIsNotYetShownToHoldKeepsRunning() {
    h.assignment.put(MonitorHarness.experiment(KEY, 1_000_000, SUCCESS));
    // Latency 3% worse with a wide interval: neither passed nor breached.
    h.observe(
        KEY,
        new long[] {10_000, 10_000},
        new long[] {1_000, 1_300},
        new double[] {200, 206},
        90_000);
    h.run();
    assertEquals(ExperimentStatus.EXPERIMENT_STATUS_RUNNING, h.assignment.get(KEY).getStatus());
    assertTrue(h.actions().isEmpty());
  }

  @Test
  void aSampleRatioMismatchAlertsOnceUntilItClears() {
    h.assignment.put(MonitorHarness.experiment(KEY, 100_000, SRM));
    h.observe(
        KEY, new long[] {10_000, 9_000}, new long[] {1_000, 900}, new double[] {200, 200}, 2_500);
    h.run();
    h.run();
    h.run();
    assertEquals(1, h.actions().size());
    MonitorAction alert = h.actions().get(0);
    assertEquals(MonitorActionKind.ALERT_SAMPLE_RATIO_MISMATCH, alert.kind());
    assertTrue(alert.reason().contains("control 10000 units"), alert.reason());
    assertEquals(
        ExperimentStatus.EXPERIMENT_STATUS_RUNNING,
        h.assignment.get(KEY).getStatus(),
        "an alert never stops");

    h.observe(
        KEY, new long[] {10_000, 10_010}, new long[] {1_000, 900}, new double[] {200, 200}, 2_500);
    h.run();
    assertEquals(1, h.actions().size(), "cleared: nothing to record");
    h.observe(
        KEY, new long[] {12_000, 10_010}, new long[] {1_000, 900}, new double[] {200, 200}, 2_500);
    h.run();
    assertEquals(2, h.actions().size(), "a new mismatch alerts again");
  }

  @Test
  void aStopThatFailsIsRecordedOnceAndAppliedOnARetry() {
    h.assignment.put(MonitorHarness.experiment(KEY, 100_000, GUARD));
    h.observe(
        KEY, new long[] {5_000, 5_000}, new long[] {500, 510}, new double[] {200, 260}, 2_500);
    h.assignment.setUpdateFailing(true);
    h.run();
    h.run();
    h.run();
    List<MonitorAction> failed = h.actions();
    assertEquals(1, failed.size(), "one record per failing streak");
    assertFalse(failed.get(0).isApplied());
    assertTrue(failed.get(0).error().orElseThrow().contains("UNAVAILABLE"));
    assertEquals(ExperimentStatus.EXPERIMENT_STATUS_RUNNING, h.assignment.get(KEY).getStatus());

    h.assignment.setUpdateFailing(false);
    h.run();
    List<MonitorAction> actions = h.actions();
    assertEquals(2, actions.size());
    assertTrue(actions.get(0).isApplied(), "newest first: the applied retry");
    assertEquals(ExperimentStatus.EXPERIMENT_STATUS_STOPPED, h.assignment.get(KEY).getStatus());
    assertEquals(2, h.audit().size(), "both records are in the audit trail");
  }

  @Test
  void anAssignmentServiceThatIsDownMeansNoRunAndNoRecord() {
    h.assignment.put(MonitorHarness.experiment(KEY, 100_000, GUARD));
    h.observe(
        KEY, new long[] {5_000, 5_000}, new long[] {500, 510}, new double[] {200, 260}, 2_500);
    h.assignment.setDown(true);
    assertEquals(0, h.run());
    assertTrue(h.actions().isEmpty());
    h.assignment.setDown(false);
    h.run();
    assertEquals(ExperimentStatus.EXPERIMENT_STATUS_STOPPED, h.assignment.get(KEY).getStatus());
  }

  @Test
  void experimentsWithoutAPolicyAreLeftAlone() {
    h.assignment.put(MonitorHarness.experiment(KEY, 100_000, MonitorPolicy.getDefaultInstance()));
    h.observe(
        KEY, new long[] {5_000, 5_000}, new long[] {500, 510}, new double[] {200, 260}, 2_500);
    assertEquals(0, h.run());
    assertEquals(ExperimentStatus.EXPERIMENT_STATUS_RUNNING, h.assignment.get(KEY).getStatus());
  }

  @Test
  void aLeaseHeldByAnotherReplicaMeansThisOneDoesNotAct() {
    h.assignment.put(MonitorHarness.experiment(KEY, 100_000, GUARD));
    h.observe(
        KEY, new long[] {5_000, 5_000}, new long[] {500, 510}, new double[] {200, 260}, 2_500);
    Monitor other =
        new Monitor(
            h.directory,
            new dev.assay.analysis.results.LiveResults(
                h.aggregates,
                h.directory,
                new dev.assay.analysis.results.ResultsCalculator(h.catalog),
                h.clock),
            h.store,
            (key, ttl) -> false,
            action -> {},
            h.clock,
            MonitorHarness.INTERVAL);
    assertEquals(0, other.runOnce());
    assertEquals(ExperimentStatus.EXPERIMENT_STATUS_RUNNING, h.assignment.get(KEY).getStatus());
    other.close();
  }

  @Test
  void aStopAppliedWhileTheRecordIsUnreachableIsRecordedOnceItIsBack() {
    h.assignment.put(MonitorHarness.experiment(KEY, 100_000, GUARD));
    h.observe(
        KEY, new long[] {5_000, 5_000}, new long[] {500, 510}, new double[] {200, 260}, 2_500);
    // The store fails after the lease and the look-up, when the action is written.
    h.monitor.runOnce();
    assertEquals(1, h.actions().size());
    h.assignment.put(
        MonitorHarness.experiment("second", 100_000, GUARD).toBuilder().setVersion(1).build());
    h.observe(
        "second", new long[] {5_000, 5_000}, new long[] {500, 510}, new double[] {200, 260}, 2_500);
    h.isStoreDown = true;
    h.run();
    assertEquals(
        ExperimentStatus.EXPERIMENT_STATUS_STOPPED,
        h.assignment.get("second").getStatus(),
        "the stop does not wait for the record");
    assertEquals(0, h.monitor.runOnce(), "nothing left running");
    h.isStoreDown = false;
    h.run();
    List<MonitorAction> actions = h.actions();
    assertEquals(2, actions.size(), "the kept record is written once the store is back");
    assertEquals("second", actions.get(0).experimentKey());
    assertTrue(actions.get(0).isApplied());
    assertEquals(2, h.audit().size());
  }
}
