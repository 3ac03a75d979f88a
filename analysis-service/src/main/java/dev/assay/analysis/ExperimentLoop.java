package dev.assay.analysis;

import dev.assay.analysis.aggregates.AggregateReader;
import dev.assay.analysis.api.MonitorAuditTrail;
import dev.assay.analysis.api.MonitorGrpcService;
import dev.assay.analysis.api.ResultsGrpcService;
import dev.assay.analysis.experiments.AssignmentDirectory;
import dev.assay.analysis.experiments.ExperimentDirectory;
import dev.assay.analysis.experiments.NoDirectory;
import dev.assay.analysis.metrics.MetricCatalog;
import dev.assay.analysis.monitor.InMemoryMonitorActionStore;
import dev.assay.analysis.monitor.Monitor;
import dev.assay.analysis.monitor.MonitorActionStore;
import dev.assay.analysis.monitor.MonitorLease;
import dev.assay.analysis.monitor.RedisMonitorActionStore;
import dev.assay.analysis.monitor.RedisMonitorLease;
import dev.assay.analysis.results.LiveResults;
import dev.assay.analysis.results.ResultsCalculator;
import dev.assay.runtime.audit.AuditTrail;
import dev.assay.runtime.client.PeerChannel;
import dev.assay.runtime.log.EventLog;
import dev.assay.runtime.redis.SharedRedisClient;
import io.grpc.BindableService;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The read side of the experiment loop, wired in one place: experiment definitions from the
 * assignment service, live results and time series over the aggregates, and the monitor with its
 * record (in Redis when configured, so every replica shares it and one acts per experiment per
 * run).
 */
final class ExperimentLoop implements AutoCloseable {
  private final List<BindableService> services;
  private final @Nullable PeerChannel assignment;
  private final @Nullable Monitor monitor;
  private final List<AutoCloseable> redisResources;

  private ExperimentLoop(
      List<BindableService> services,
      @Nullable PeerChannel assignment,
      @Nullable Monitor monitor,
      List<AutoCloseable> redisResources) {
    this.services = services;
    this.assignment = assignment;
    this.monitor = monitor;
    this.redisResources = redisResources;
  }

  /**
   * Builds the results and monitor services over {@code aggregates} and {@code catalog}, and starts
   * the monitor when the assignment service is configured.
   */
  static ExperimentLoop start(
      MonitorSettings settings,
      AggregateReader aggregates,
      MetricCatalog catalog,
      Optional<SharedRedisClient> redis,
      AuditTrail audit,
      Clock clock) {
    PeerChannel assignment = settings.assignment().map(PeerChannel::open).orElse(null);
    ExperimentDirectory directory =
        assignment == null ? new NoDirectory() : new AssignmentDirectory(assignment, clock);
    LiveResults live =
        new LiveResults(aggregates, directory, new ResultsCalculator(catalog), clock);
    MonitorActionStore store;
    MonitorLease lease;
    List<AutoCloseable> redisResources;
    if (redis.isPresent()) {
      RedisMonitorActionStore redisStore = new RedisMonitorActionStore(redis.get());
      RedisMonitorLease redisLease =
          new RedisMonitorLease(redis.get(), UUID.randomUUID().toString());
      store = redisStore;
      lease = redisLease;
      redisResources = List.of(redisStore, redisLease);
    } else {
      store = new InMemoryMonitorActionStore();
      lease = MonitorLease.SOLE_REPLICA;
      redisResources = List.of();
    }
    Monitor monitor = null;
    if (assignment != null) {
      monitor =
          new Monitor(
              directory,
              live,
              store,
              lease,
              new MonitorAuditTrail(audit),
              clock,
              settings.monitorInterval());
      monitor.start();
    }
    EventLog.info(
        "analysis.monitor",
        "assignment",
        assignment == null ? "none (no plans, monitor off)" : assignment.target(),
        "interval",
        settings.monitorInterval(),
        "record",
        redis.isPresent() ? "redis" : "memory");
    return new ExperimentLoop(
        List.of(new ResultsGrpcService(live), new MonitorGrpcService(store)),
        assignment,
        monitor,
        redisResources);
  }

  /** The ResultsService and MonitorService. */
  List<BindableService> services() {
    return services;
  }

  @Override
  public void close() {
    if (monitor != null) {
      monitor.close();
    }
    if (assignment != null) {
      assignment.close();
    }
    for (AutoCloseable resource : redisResources) {
      try {
        resource.close();
      } catch (Exception e) {
        EventLog.warn("analysis.close_failed", "error", e.toString());
      }
    }
  }
}
