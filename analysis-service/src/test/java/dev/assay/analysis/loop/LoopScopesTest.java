package dev.assay.analysis.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.assay.analysis.aggregates.InMemoryLoopStore;
import dev.assay.analysis.api.AnalysisScopes;
import dev.assay.analysis.export.FollowPoller;
import dev.assay.analysis.exposures.ExposureGrpcService;
import dev.assay.analysis.outcomes.OutcomeGrpcService;
import dev.assay.runtime.security.Scope;
import dev.assay.runtime.security.Security;
import dev.assay.runtime.security.SecuritySettings;
import dev.assay.runtime.testing.AuthMatrix;
import dev.assay.runtime.testing.InProcessGrpc;
import dev.assay.runtime.testing.RawCalls;
import io.grpc.BindableService;
import io.grpc.MethodDescriptor;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The exposure and outcome RPCs require their documented scopes, and nothing else lets in. */
class LoopScopesTest {
  private static final Map<String, Scope> EXPECTED =
      Map.of(
          "IngestExposures", Scope.EXPOSURES_WRITE,
          "ExportExposures", Scope.EVENTS_READ,
          "RecordOutcomes", Scope.OUTCOMES_WRITE,
          "StreamOutcomes", Scope.OUTCOMES_WRITE,
          "ExportOutcomes", Scope.EVENTS_READ);

  @Test
  void everyLoopMethodAnswersByTheAuthMatrixAndTheDocumentedScope() {
    Clock clock = Clock.systemUTC();
    InMemoryLoopStore store = new InMemoryLoopStore(clock, Duration.ofDays(1), 100);
    FollowPoller poller = new FollowPoller(Duration.ofMillis(10));
    MapMetricCatalog catalog = new MapMetricCatalog();
    List<BindableService> services =
        List.of(
            new ExposureGrpcService(store, catalog, clock, poller),
            new OutcomeGrpcService(store, catalog, clock, poller));
    Security security =
        Security.inMemory(
            "analysis", new SecuritySettings(true, null), AnalysisScopes.TABLE, clock);
    try (InProcessGrpc grpc = InProcessGrpc.start("analysis", services, security, poller, store)) {
      List<MethodDescriptor<?, ?>> methods = RawCalls.methods(services);
      Map<String, Scope> actual = new TreeMap<>();
      for (MethodDescriptor<?, ?> method : methods) {
        actual.put(
            method.getBareMethodName(),
            AnalysisScopes.TABLE.required(method.getFullMethodName()).orElseThrow());
      }
      assertEquals(new TreeMap<>(EXPECTED), actual);
      assertEquals(
          5 * 7, AuthMatrix.check(grpc.channel(), security, AnalysisScopes.TABLE, methods));
    }
  }
}
