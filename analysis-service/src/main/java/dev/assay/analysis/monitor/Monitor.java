package dev.assay.analysis.monitor;

import dev.assay.analysis.experiments.ExperimentDefinition;
import dev.assay.analysis.experiments.ExperimentDirectory;
import dev.assay.analysis.experiments.MonitorPolicy;
import dev.assay.analysis.experiments.StopFailedException;
import dev.assay.analysis.results.AlwaysValidVerdicts;
import dev.assay.analysis.results.ExperimentResults;
import dev.assay.analysis.results.LiveResults;
import dev.assay.runtime.errors.UnavailableException;
import dev.assay.runtime.log.EventLog;
import dev.assay.runtime.log.ThrottledWarning;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Watches every running experiment whose plan has a monitor policy, every interval, and acts on the
 * always-valid results (valid however often it looks): stops an experiment whose guardrail is
 * breached, stops one whose primary metric is conclusively better with every guardrail passed
 * (rolling the winner out when asked), and alerts once on a sample-ratio mismatch until it clears.
 * Stops go through the assignment service's public API with the version read (never racing a human
 * edit) and the evidence as the audit reason; every action is recorded, and a stop that failed is
 * recorded once and tried again at the next run.
 */
public final class Monitor implements AutoCloseable {
  /** Shortest interval accepted. */
  public static final Duration MIN_INTERVAL = Duration.ofSeconds(1);

  /** Actions kept in memory while the store cannot take them; beyond it they are dropped. */
  static final int MAX_UNRECORDED = 10_000;

  private final ExperimentDirectory directory;
  private final LiveResults results;
  private final MonitorActionStore store;
  private final MonitorLease lease;
  private final Consumer<MonitorAction> audit;
  private final Clock clock;
  private final Duration interval;
  private final ThrottledWarning unreachable;
  private final ScheduledExecutorService scheduler;
  private final Deque<PendingRecord> unrecorded = new ArrayDeque<>();

  /**
   * A monitor running every {@code interval} once {@link #start}ed.
   *
   * @param audit told of every action recorded (the audit trail)
   */
  public Monitor(
      ExperimentDirectory directory,
      LiveResults results,
      MonitorActionStore store,
      MonitorLease lease,
      Consumer<MonitorAction> audit,
      Clock clock,
      Duration interval) {
    this.directory = directory;
    this.results = results;
    this.store = store;
    this.lease = lease;
    this.audit = audit;
    this.clock = clock;
    this.interval = interval;
    this.unreachable = new ThrottledWarning(System::nanoTime, 60_000);
    this.scheduler =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread thread = new Thread(r, "assay-monitor");
              thread.setDaemon(true);
              return thread;
            });
  }

  /** Runs every interval from now on, on its own thread. */
  public void start() {
    // runSafely catches everything, so the future never completes exceptionally; close() ends it.
    var unused =
        scheduler.scheduleWithFixedDelay(
            this::runSafely, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void runSafely() {
    try {
      runOnce();
    } catch (RuntimeException e) {
      // A bug must not end the schedule: the next run tries again.
      EventLog.error("monitor.failed", "error", e.toString());
    }
  }

  /** One run over every running experiment; returns how many it evaluated. */
  public int runOnce() {
    flushUnrecorded();
    List<ExperimentDefinition> running;
    try {
      running = directory.listRunning();
    } catch (UnavailableException e) {
      unreachable.warn("monitor.assignment_unreachable", "error", String.valueOf(e.getMessage()));
      return 0;
    }
    int evaluated = 0;
    // The lease outlives this run's work but not the next run, so one replica acts per run.
    Duration ttl = interval.multipliedBy(9).dividedBy(10);
    for (ExperimentDefinition definition : running) {
      MonitorPolicy policy = definition.plan().map(p -> p.monitor()).orElse(MonitorPolicy.OFF);
      if (!policy.isAnyOn()) {
        continue;
      }
      try {
        if (!lease.tryAcquire(definition.key(), ttl)) {
          continue;
        }
        evaluate(definition, policy);
        evaluated++;
      } catch (UnavailableException e) {
        unreachable.warn(
            "monitor.store_unreachable",
            "experiment",
            definition.key(),
            "error",
            String.valueOf(e.getMessage()));
      }
    }
    return evaluated;
  }

  private void evaluate(ExperimentDefinition definition, MonitorPolicy policy) {
    ExperimentResults now = results.currentFor(definition);
    List<String> guardrails = definition.plan().map(p -> p.guardrailMetrics()).orElse(List.of());
    boolean isMismatch = now.sampleRatio().map(s -> s.isMismatch()).orElse(false);
    if (policy.alertOnSampleRatioMismatch()) {
      alertOnMismatch(definition.key(), now, isMismatch);
    }
    if (policy.stopOnGuardrailBreach()) {
      List<AlwaysValidVerdicts.Breach> breaches = AlwaysValidVerdicts.breaches(now.metrics());
      if (!breaches.isEmpty()) {
        String reason =
            "monitor: "
                + breaches.get(0).evidence()
                + (breaches.size() > 1 ? " (and " + (breaches.size() - 1) + " more)" : "");
        stop(
            definition,
            MonitorActionKind.STOPPED_GUARDRAIL_BREACH,
            reason,
            OptionalInt.empty(),
            Optional.empty());
        return;
      }
    }
    if (policy.stopOnSuccess() && !isMismatch) {
      Optional<AlwaysValidVerdicts.Winner> winner =
          AlwaysValidVerdicts.winner(now.metrics(), guardrails);
      if (winner.isPresent()) {
        boolean isRollOut = policy.rollOutWinner();
        stop(
            definition,
            MonitorActionKind.STOPPED_SUCCESS,
            "monitor: "
                + winner.get().evidence()
                + (isRollOut ? "; rolling out " + winner.get().variationKey() : ""),
            isRollOut ? OptionalInt.of(winner.get().variationIndex()) : OptionalInt.empty(),
            isRollOut ? Optional.of(winner.get().variationKey()) : Optional.empty());
      }
    }
  }

  /** Records an alert when a mismatch opens; an unreachable store leaves it for the next run. */
  private void alertOnMismatch(String experimentKey, ExperimentResults now, boolean isMismatch) {
    try {
      if (!isMismatch) {
        store.closeSampleRatioAlert(experimentKey);
        return;
      }
      if (store.openSampleRatioAlert(experimentKey)) {
        record(
            experimentKey,
            MonitorActionKind.ALERT_SAMPLE_RATIO_MISMATCH,
            SampleRatioEvidence.of(now).sentence(),
            Optional.empty(),
            true,
            Optional.empty());
      }
    } catch (UnavailableException e) {
      // The stops below must not wait for the alert's bookkeeping.
      unreachable.warn(
          "monitor.store_unreachable",
          "experiment",
          experimentKey,
          "error",
          String.valueOf(e.getMessage()));
    }
  }

  private void stop(
      ExperimentDefinition definition,
      MonitorActionKind kind,
      String reason,
      OptionalInt rolledOutIndex,
      Optional<String> rolledOutKey) {
    Optional<MonitorAction> latest;
    try {
      latest = store.latest(definition.key());
    } catch (UnavailableException e) {
      // Stopping a harmful experiment must not wait for the record: act, and keep the record.
      latest = Optional.empty();
    }
    boolean isRetry =
        latest.isPresent() && !latest.get().isApplied() && latest.get().kind() == kind;
    try {
      directory.stop(definition.key(), definition.version(), rolledOutIndex, reason);
    } catch (StopFailedException e) {
      EventLog.warn(
          "monitor.stop_failed",
          "experiment",
          definition.key(),
          "kind",
          kind,
          "error",
          String.valueOf(e.getMessage()));
      if (!isRetry) {
        // Recorded once per failing streak; later runs retry without adding records.
        record(
            definition.key(),
            kind,
            reason,
            rolledOutKey,
            false,
            Optional.of(String.valueOf(e.getMessage())));
      }
      return;
    }
    EventLog.info("monitor.stopped", "experiment", definition.key(), "kind", kind);
    record(definition.key(), kind, reason, rolledOutKey, true, Optional.empty());
  }

  private void record(
      String experimentKey,
      MonitorActionKind kind,
      String reason,
      Optional<String> rolledOut,
      boolean isApplied,
      Optional<String> error) {
    PendingRecord record =
        new PendingRecord(
            experimentKey, clock.instant(), kind, reason, rolledOut, isApplied, error);
    synchronized (unrecorded) {
      if (unrecorded.isEmpty() && tryRecord(record)) {
        return;
      }
      // The action happened (a stop is applied by now): keep its record until the store is back.
      if (unrecorded.size() < MAX_UNRECORDED) {
        unrecorded.addLast(record);
      } else {
        EventLog.error("monitor.record_dropped", "experiment", experimentKey, "kind", kind);
      }
    }
  }

  /** Writes the records the store refused earlier, in order, until it refuses again. */
  private void flushUnrecorded() {
    synchronized (unrecorded) {
      while (!unrecorded.isEmpty() && tryRecord(unrecorded.peekFirst())) {
        unrecorded.removeFirst();
      }
    }
  }

  private boolean tryRecord(PendingRecord r) {
    MonitorAction action;
    try {
      action =
          store.record(
              r.experimentKey(),
              r.time(),
              r.kind(),
              r.reason(),
              r.rolledOut(),
              r.isApplied(),
              r.error());
    } catch (UnavailableException e) {
      unreachable.warn(
          "monitor.store_unreachable",
          "experiment",
          r.experimentKey(),
          "error",
          String.valueOf(e.getMessage()));
      return false;
    }
    audit.accept(action);
    return true;
  }

  /** How many actions wait for the store. */
  int unrecordedCount() {
    synchronized (unrecorded) {
      return unrecorded.size();
    }
  }

  /** An action taken but not yet in the store. */
  private record PendingRecord(
      String experimentKey,
      Instant time,
      MonitorActionKind kind,
      String reason,
      Optional<String> rolledOut,
      boolean isApplied,
      Optional<String> error) {}

  @Override
  public void close() {
    scheduler.shutdownNow();
  }
}
