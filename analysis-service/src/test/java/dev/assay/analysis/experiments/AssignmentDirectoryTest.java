package dev.assay.analysis.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assay.assignment.v1.AnalysisPlan;
import dev.assay.assignment.v1.Experiment;
import dev.assay.assignment.v1.ExperimentStatus;
import dev.assay.assignment.v1.MonitorPolicy;
import dev.assay.assignment.v1.Variation;
import dev.assay.runtime.client.PeerChannel;
import dev.assay.runtime.errors.UnavailableException;
import dev.assay.runtime.testing.InProcessGrpc;
import dev.assay.runtime.testing.MutableClock;
import io.grpc.BindableService;
import io.grpc.ServerInterceptors;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Definitions read from the assignment contract: mapping, caching, outages, stops. */
class AssignmentDirectoryTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T12:00:00Z"));
  private final FakeDefinitionService fake = new FakeDefinitionService();
  private final BindableService intercepted = () -> ServerInterceptors.intercept(fake, fake);
  private final InProcessGrpc grpc = InProcessGrpc.start("assignment", List.of(intercepted));
  private final PeerChannel peer = PeerChannel.of(grpc.channel(), Optional.empty());
  private final AssignmentDirectory directory = new AssignmentDirectory(peer, clock);

  @AfterEach
  void close() {
    peer.close();
    grpc.close();
  }

  private static Experiment experiment(String key, ExperimentStatus status, long version) {
    return Experiment.newBuilder()
        .setKey(key)
        .addVariations(Variation.newBuilder().setKey("control"))
        .addVariations(Variation.newBuilder().setKey("treatment"))
        .setStatus(status)
        .setVersion(version)
        .setAnalysis(
            AnalysisPlan.newBuilder()
                .setPrimaryMetric("checkout")
                .addGuardrailMetrics("latency")
                .addSecondaryMetrics("revenue")
                .setPlannedUnits(5_000)
                .setAlpha(0.01)
                .setMonitor(MonitorPolicy.newBuilder().setStopOnSuccess(true)))
        .build();
  }

  @Test
  void aDefinitionIsMappedWithItsPlan() {
    fake.put(experiment("exp", ExperimentStatus.EXPERIMENT_STATUS_RUNNING, 7));
    ExperimentDefinition d = directory.lookup("exp").definition().orElseThrow();
    assertEquals(List.of("control", "treatment"), d.variationKeys());
    assertTrue(d.isRunning());
    assertEquals(7, d.version());
    dev.assay.analysis.experiments.AnalysisPlan plan = d.plan().orElseThrow();
    assertEquals(Optional.of("checkout"), plan.primaryMetric());
    assertEquals(List.of("latency"), plan.guardrailMetrics());
    assertEquals(List.of("revenue"), plan.secondaryMetrics());
    assertEquals(5_000, plan.plannedUnits());
    assertEquals(0.01, plan.alpha().orElseThrow());
    assertTrue(plan.monitor().stopOnSuccess());
    assertTrue(directory.lookup("ghost").definition().isEmpty());
  }

  @Test
  void definitionsAreCachedBrieflyAndTheLastOneServesWhileAssignmentIsDown() {
    fake.put(experiment("exp", ExperimentStatus.EXPERIMENT_STATUS_RUNNING, 7));
    directory.lookup("exp");
    int calls = fake.calls();
    directory.lookup("exp");
    assertEquals(calls, fake.calls(), "served from the cache");

    fake.setDown(true);
    clock.advance(AssignmentDirectory.FRESH_FOR.plusSeconds(1));
    DefinitionLookup stale = directory.lookup("exp");
    assertEquals(7, stale.definition().orElseThrow().version());
    assertTrue(stale.note().orElseThrow().contains("version 7"), stale.note().toString());

    DefinitionLookup unknown = directory.lookup("never-read");
    assertTrue(unknown.definition().isEmpty());
    assertTrue(unknown.note().orElseThrow().contains("no definition is cached"));
    assertThrows(UnavailableException.class, directory::listRunning);
  }

  @Test
  void listingPagesThroughAndKeepsOnlyRunningExperiments() {
    fake.setPageSize(2);
    for (int i = 0; i < 5; i++) {
      fake.put(experiment("e" + i, ExperimentStatus.EXPERIMENT_STATUS_RUNNING, 1));
    }
    fake.put(experiment("stopped", ExperimentStatus.EXPERIMENT_STATUS_STOPPED, 1));
    fake.put(
        experiment("archived", ExperimentStatus.EXPERIMENT_STATUS_RUNNING, 1).toBuilder()
            .setArchived(true)
            .build());
    assertEquals(
        List.of("e0", "e1", "e2", "e3", "e4"),
        directory.listRunning().stream().map(ExperimentDefinition::key).toList());
  }

  @Test
  void aStopRacingAHumanEditIsRefusedAndChangesNothing() {
    fake.put(experiment("exp", ExperimentStatus.EXPERIMENT_STATUS_RUNNING, 8));
    StopFailedException e =
        assertThrows(
            StopFailedException.class,
            () -> directory.stop("exp", 7, OptionalInt.empty(), "monitor: evidence"));
    assertTrue(String.valueOf(e.getMessage()).contains("ABORTED"), e.getMessage());
    assertEquals(ExperimentStatus.EXPERIMENT_STATUS_RUNNING, fake.get("exp").getStatus());

    directory.stop("exp", 8, OptionalInt.of(1), "monitor: wins \u2014 on checkout");
    assertEquals(ExperimentStatus.EXPERIMENT_STATUS_STOPPED, fake.get("exp").getStatus());
    assertEquals(1, fake.get("exp").getRolledOutVariation());
    assertEquals(List.of("monitor: wins ? on checkout"), fake.updateReasons(), "ASCII metadata");
  }

  @Test
  void longEvidenceIsCutToTheAuditReasonLimit() {
    assertEquals(500, AssignmentDirectory.asciiReason("x".repeat(2_000)).length());
    assertEquals(Duration.ofSeconds(10), AssignmentDirectory.FRESH_FOR);
  }
}
