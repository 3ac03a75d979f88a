package dev.assay.analysis.monitor;

import dev.assay.analysis.aggregates.ExperimentAggregate;
import dev.assay.analysis.aggregates.MetricMoments;
import dev.assay.analysis.api.MonitorAuditTrail;
import dev.assay.analysis.experiments.AssignmentDirectory;
import dev.assay.analysis.experiments.FakeDefinitionService;
import dev.assay.analysis.metrics.MetricKind;
import dev.assay.analysis.results.FakeAggregates;
import dev.assay.analysis.results.Fixtures;
import dev.assay.analysis.results.LiveResults;
import dev.assay.analysis.results.ResultsCalculator;
import dev.assay.assignment.v1.AnalysisPlan;
import dev.assay.assignment.v1.Experiment;
import dev.assay.assignment.v1.ExperimentStatus;
import dev.assay.assignment.v1.MonitorPolicy;
import dev.assay.assignment.v1.Variation;
import dev.assay.runtime.audit.AuditEntry;
import dev.assay.runtime.audit.AuditQuery;
import dev.assay.runtime.audit.AuditTrail;
import dev.assay.runtime.audit.InMemoryAuditLog;
import dev.assay.runtime.client.PeerChannel;
import dev.assay.runtime.errors.UnavailableException;
import dev.assay.runtime.testing.InProcessGrpc;
import dev.assay.runtime.testing.MutableClock;
import io.grpc.BindableService;
import io.grpc.ServerInterceptors;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A monitor over a fake assignment service (in process, real gRPC), fake aggregates and an
 * in-memory record and audit trail; the test advances the clock and calls {@link #run} once per
 * interval.
 */
final class MonitorHarness implements AutoCloseable {
  static final Duration INTERVAL = Duration.ofMinutes(1);

  final MutableClock clock = new MutableClock(Fixtures.NOW);
  final FakeDefinitionService assignment = new FakeDefinitionService();
  final FakeAggregates aggregates = new FakeAggregates();
  final Fixtures.Catalog catalog =
      new Fixtures.Catalog()
          .put(Fixtures.metric("checkout", MetricKind.CONVERSION, false, 0, false))
          .put(Fixtures.metric("latency", MetricKind.MEAN, true, 0.05, false));
  final InMemoryMonitorActionStore store = new InMemoryMonitorActionStore();

  /** The store the monitor writes to: {@link #store}, unreachable while {@link #isStoreDown}. */
  volatile boolean isStoreDown;

  final InMemoryAuditLog auditLog = new InMemoryAuditLog();
  final InProcessGrpc grpc;
  final PeerChannel peer;
  final AssignmentDirectory directory;
  final Monitor monitor;

  MonitorHarness() {
    BindableService intercepted = () -> ServerInterceptors.intercept(assignment, assignment);
    grpc = InProcessGrpc.start("assignment", List.of(intercepted));
    peer = PeerChannel.of(grpc.channel(), Optional.empty());
    directory = new AssignmentDirectory(peer, clock);
    LiveResults live =
        new LiveResults(aggregates, directory, new ResultsCalculator(catalog), clock);
    monitor =
        new Monitor(
            directory,
            live,
            new FlakyStore(),
            MonitorLease.SOLE_REPLICA,
            new MonitorAuditTrail(new AuditTrail(auditLog, "analysis", clock)),
            clock,
            INTERVAL);
  }

  /** A running experiment with control and treatment, primary checkout, guardrail latency. */
  static Experiment experiment(String key, long plannedUnits, MonitorPolicy policy) {
    return Experiment.newBuilder()
        .setKey(key)
        .addVariations(Variation.newBuilder().setKey("control").setWeight(0.5))
        .addVariations(Variation.newBuilder().setKey("treatment").setWeight(0.5))
        .setStatus(ExperimentStatus.EXPERIMENT_STATUS_RUNNING)
        .setVersion(3)
        .setAnalysis(
            AnalysisPlan.newBuilder()
                .setPrimaryMetric("checkout")
                .addGuardrailMetrics("latency")
                .setPlannedUnits(plannedUnits)
                .setMonitor(policy))
        .build();
  }

  /**
   * Sets the experiment's aggregate now: units, conversions and latency (mean, variance) per
   * variation.
   */
  void observe(
      String key, long[] units, long[] conversions, double[] latencyMeans, double latencyVariance) {
    observe(key, units, units, conversions, latencyMeans, latencyVariance);
  }

  /** As above, with the epoch's units (what the weights placed) given separately. */
  void observe(
      String key,
      long[] units,
      long[] epochUnits,
      long[] conversions,
      double[] latencyMeans,
      double latencyVariance) {
    ExperimentAggregate a =
        Fixtures.aggregate(
            key,
            clock.instant(),
            epochUnits,
            List.of(
                Map.of(
                    "checkout", Fixtures.conversions(conversions[0], units[0]),
                    "latency", Fixtures.means(units[0], latencyMeans[0], latencyVariance)),
                Map.of(
                    "checkout", Fixtures.conversions(conversions[1], units[1]),
                    "latency", Fixtures.means(units[1], latencyMeans[1], latencyVariance))));
    aggregates.put(
        new ExperimentAggregate(
            a.experimentKey(),
            a.asOf(),
            a.firstExposure(),
            List.of(
                withUnits(a.variations().get(0), units[0]),
                withUnits(a.variations().get(1), units[1])),
            a.epochs()));
  }

  private static dev.assay.analysis.aggregates.VariationAggregate withUnits(
      dev.assay.analysis.aggregates.VariationAggregate v, long units) {
    Map<String, MetricMoments> metrics = v.metrics();
    return new dev.assay.analysis.aggregates.VariationAggregate(
        v.variationIndex(), v.variationKey(), units, metrics);
  }

  /** Advances one interval and runs the monitor once. */
  int run() {
    clock.advance(INTERVAL);
    return monitor.runOnce();
  }

  /** Every action, newest first. */
  List<MonitorAction> actions() {
    return store.list(Optional.empty(), 1_000, Optional.empty()).actions();
  }

  /** Every audit entry. */
  List<AuditEntry> audit() {
    return auditLog.list(AuditQuery.ALL, 1_000, "").entries();
  }

  /** {@link #store}, failing UNAVAILABLE as Redis would while {@link #isStoreDown}. */
  private final class FlakyStore implements MonitorActionStore {
    private MonitorActionStore up() {
      if (isStoreDown) {
        throw new UnavailableException("redis unavailable");
      }
      return store;
    }

    @Override
    public MonitorAction record(
        String experimentKey,
        java.time.Instant time,
        MonitorActionKind kind,
        String reason,
        Optional<String> rolledOutVariation,
        boolean isApplied,
        Optional<String> error) {
      return up().record(experimentKey, time, kind, reason, rolledOutVariation, isApplied, error);
    }

    @Override
    public ActionPage list(Optional<String> experimentKey, int pageSize, Optional<Long> pageToken) {
      return up().list(experimentKey, pageSize, pageToken);
    }

    @Override
    public Optional<MonitorAction> latest(String experimentKey) {
      return up().latest(experimentKey);
    }

    @Override
    public boolean openSampleRatioAlert(String experimentKey) {
      return up().openSampleRatioAlert(experimentKey);
    }

    @Override
    public void closeSampleRatioAlert(String experimentKey) {
      up().closeSampleRatioAlert(experimentKey);
    }
  }

  @Override
  public void close() {
    monitor.close();
    peer.close();
    grpc.close();
  }
}
