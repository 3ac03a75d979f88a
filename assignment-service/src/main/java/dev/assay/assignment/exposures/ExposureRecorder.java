package dev.assay.assignment.exposures;

import dev.assay.assignment.definitions.Experiment;
import dev.assay.assignment.definitions.ExperimentStatus;
import dev.assay.assignment.definitions.Variation;
import dev.assay.assignment.evaluation.Assignment;
import dev.assay.assignment.evaluation.ExposureSink;
import dev.assay.assignment.evaluation.Reason;
import dev.assay.runtime.log.EventLog;
import io.opentelemetry.api.OpenTelemetry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Records exposures off the evaluation's path. An assignment is an exposure when the experiment is
 * running and the unit's hash bucket or a per-unit override chose its variation (not a rollout, a
 * draft or a stopped experiment). The first sighting of each (experiment, unit) pair goes into a
 * bounded buffer that one background thread sends to the analysis service in batches; later
 * sightings are filtered out by a lossy table of hashes. Nothing here waits: a full buffer drops
 * the exposure and counts it.
 */
public final class ExposureRecorder implements ExposureSink, AutoCloseable {
  /**
   * Slots of the duplicate filter: 8 MiB; a few hundred thousand pairs fit with practically no
   * loss.
   */
  static final int SEEN_SLOTS = 1 << 20;

  private final SeenExposures seen;
  private final ExposureBuffer buffer;
  private final ExposureCounters counters;
  private final ExposureSender sender;
  private final int batchSize;
  private volatile boolean closed;

  private ExposureRecorder(
      ExposureSettings settings,
      ExposureTransport transport,
      OpenTelemetry telemetry,
      int seenSlots,
      int attempts,
      Duration sendTimeout,
      Duration retryBackoff,
      Duration closeTimeout) {
    this.seen = new SeenExposures(seenSlots);
    this.buffer = new ExposureBuffer(settings.bufferSize());
    this.counters = new ExposureCounters(telemetry);
    this.batchSize = settings.batchSize();
    this.sender =
        new ExposureSender(
            buffer,
            transport,
            counters,
            // A dropped exposure is forgotten, so the unit's next evaluation records it again.
            e -> seen.forget(SeenExposures.hash(e.experimentKey(), e.unitId())),
            settings.batchSize(),
            settings.flushInterval(),
            attempts,
            sendTimeout,
            retryBackoff,
            closeTimeout);
  }

  /** Starts recording into {@code transport} with the settings' buffer, batches and flushes. */
  public static ExposureRecorder start(
      ExposureSettings settings, ExposureTransport transport, OpenTelemetry telemetry) {
    return start(
        settings,
        transport,
        telemetry,
        ExposureSettings.SEND_ATTEMPTS,
        ExposureSettings.RETRY_BACKOFF,
        ExposureSettings.CLOSE_TIMEOUT);
  }

  /**
   * As {@link #start(ExposureSettings, ExposureTransport, OpenTelemetry)} with the retry and close
   * timing given (tests shorten them).
   */
  public static ExposureRecorder start(
      ExposureSettings settings,
      ExposureTransport transport,
      OpenTelemetry telemetry,
      int attempts,
      Duration retryBackoff,
      Duration closeTimeout) {
    ExposureRecorder recorder =
        new ExposureRecorder(
            settings,
            transport,
            telemetry,
            SEEN_SLOTS,
            attempts,
            ExposureSettings.SEND_TIMEOUT,
            retryBackoff,
            closeTimeout);
    recorder.sender.start();
    return recorder;
  }

  /** Whether {@code assignment} of {@code experiment} counts as an exposure. */
  static boolean isExposure(Experiment experiment, Assignment assignment) {
    return assignment.isInExperiment()
        && experiment.status() == ExperimentStatus.RUNNING
        && (assignment.reason() == Reason.BUCKET || assignment.reason() == Reason.OVERRIDE)
        && assignment.variationIndex() < experiment.variations().size();
  }

  @Override
  public void assigned(
      Experiment experiment, Assignment assignment, String unitId, long timeMillis) {
    if (closed || !isExposure(experiment, assignment)) {
      return;
    }
    long hash = SeenExposures.hash(experiment.key(), unitId);
    if (seen.contains(hash)) {
      return; // the common case: this unit was evaluated in this experiment before
    }
    Exposure exposure =
        new Exposure(
            experiment.key(),
            assignment.variationIndex(),
            experiment.variations().get(assignment.variationIndex()).key(),
            unitId,
            timeMillis,
            assignment.reason() == Reason.OVERRIDE,
            normalizedWeights(experiment.variations()));
    int size = buffer.offer(exposure);
    if (size < 0) {
      // Not remembered as seen: the unit's next evaluation tries again.
      counters.dropped(ExposureCounters.DropReason.BUFFER_FULL, 1, "the buffer is full");
      return;
    }
    seen.add(hash);
    counters.recorded();
    if (size == batchSize) {
      sender.wake();
    }
  }

  /** The weights as shares summing to 1; all zero (the contract's "unset") means equal shares. */
  static List<Double> normalizedWeights(List<Variation> variations) {
    double sum = 0;
    for (Variation v : variations) {
      sum += v.weight();
    }
    List<Double> weights = new ArrayList<>(variations.size());
    for (Variation v : variations) {
      weights.add(sum > 0 ? v.weight() / sum : 1.0 / variations.size());
    }
    return weights;
  }

  /** What happened to exposures so far. */
  public ExposureStats stats() {
    return counters.snapshot(buffer.size());
  }

  /**
   * Stops accepting exposures and sends what is buffered, waiting a bounded time; what is still
   * buffered then is dropped and counted.
   */
  @Override
  public void close() {
    closed = true;
    sender.close();
    ExposureStats stats = stats();
    EventLog.info(
        "exposures.stopped",
        "recorded",
        stats.recorded(),
        "sent",
        stats.sent(),
        "dropped",
        stats.dropped(),
        "dropped_buffer_full",
        stats.droppedBufferFull(),
        "dropped_send_failed",
        stats.droppedSendFailed(),
        "dropped_shutdown",
        stats.droppedShutdown());
  }
}
