package dev.assay.analysis.api;

import dev.assay.analysis.aggregates.InMemoryLoopStore;
import dev.assay.analysis.experiments.NoDirectory;
import dev.assay.analysis.export.FollowPoller;
import dev.assay.analysis.exposures.ExposureGrpcService;
import dev.assay.analysis.metrics.InMemoryMetricStore;
import dev.assay.analysis.metrics.MetricRegistry;
import dev.assay.analysis.monitor.InMemoryMonitorActionStore;
import dev.assay.analysis.outcomes.OutcomeGrpcService;
import dev.assay.analysis.results.LiveResults;
import dev.assay.analysis.results.ResultsCalculator;
import dev.assay.runtime.security.Security;
import dev.assay.runtime.security.SecuritySettings;
import io.grpc.BindableService;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * The experiment loop's services on the embedded default (in-memory stores, no assignment peer),
 * wired as the analysis server wires them, for suites that exercise every analysis RPC.
 */
final class InMemoryLoopServices implements AutoCloseable {
  private final MetricRegistry metrics;
  private final InMemoryLoopStore loop;
  private final FollowPoller follow;
  private final Security security;
  private final List<BindableService> services;

  InMemoryLoopServices(Clock clock) {
    security = Security.inMemory("analysis", SecuritySettings.OFF, AnalysisScopes.TABLE, clock);
    metrics = new MetricRegistry(new InMemoryMetricStore(), clock);
    metrics.start();
    loop = new InMemoryLoopStore(clock, Duration.ofDays(30), 10_000);
    follow = new FollowPoller(Duration.ofMillis(200));
    LiveResults live =
        new LiveResults(loop, new NoDirectory(), new ResultsCalculator(metrics), clock);
    services =
        List.of(
            new MetricGrpcService(metrics, security.audit()),
            new ExposureGrpcService(loop, metrics, clock, follow),
            new OutcomeGrpcService(loop, metrics, clock, follow),
            new ResultsGrpcService(live),
            new MonitorGrpcService(new InMemoryMonitorActionStore()));
  }

  /** MetricService, ExposureService, OutcomeService, ResultsService and MonitorService. */
  List<BindableService> services() {
    return services;
  }

  @Override
  public void close() {
    for (AutoCloseable resource : List.<AutoCloseable>of(follow, loop, metrics, security)) {
      try {
        resource.close();
      } catch (Exception e) {
        throw new IllegalStateException("could not close " + resource, e);
      }
    }
  }
}
