package dev.assay.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.assay.analysis.results.FakeAggregates;
import dev.assay.analysis.results.Fixtures;
import dev.assay.runtime.audit.AuditTrail;
import dev.assay.runtime.audit.InMemoryAuditLog;
import dev.assay.runtime.client.PeerSettings;
import dev.assay.runtime.testing.MutableClock;
import dev.assay.runtime.testing.RawCalls;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The loop's wiring serves the results and monitor RPCs with or without an assignment peer. */
class ExperimentLoopTest {
  private final MutableClock clock = new MutableClock(Fixtures.NOW);

  @Test
  void servesResultsAndMonitorWithAndWithoutTheAssignmentService() {
    for (Optional<PeerSettings> peer :
        List.of(
            Optional.<PeerSettings>empty(), Optional.of(PeerSettings.plaintext("localhost:1")))) {
      try (ExperimentLoop loop =
          ExperimentLoop.start(
              new MonitorSettings(peer, Duration.ofMinutes(1)),
              new FakeAggregates(),
              new Fixtures.Catalog(),
              Optional.empty(),
              new AuditTrail(new InMemoryAuditLog(), "analysis", clock),
              clock)) {
        assertEquals(
            Set.of(
                "assay.analysis.v1.ResultsService/GetExperimentResults",
                "assay.analysis.v1.ResultsService/GetExperimentTimeSeries",
                "assay.analysis.v1.MonitorService/ListMonitorActions"),
            RawCalls.methods(loop.services()).stream()
                .map(m -> m.getFullMethodName())
                .collect(Collectors.toSet()));
      }
    }
  }
}
