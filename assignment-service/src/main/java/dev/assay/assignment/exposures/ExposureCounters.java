package dev.assay.assignment.exposures;

import dev.assay.runtime.log.ThrottledWarning;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.Meter;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * What happened to exposures: {@code assay.exposures.recorded}, {@code .sent} and {@code .dropped}
 * (attribute {@code reason}: {@code buffer_full}, {@code send_failed}, {@code shutdown}) as
 * OpenTelemetry counters, the same counts for {@link ExposureStats}, and at most one warning line a
 * second about drops ({@code exposures.dropped}, with the total so far as {@code dropped}).
 */
final class ExposureCounters {
  /** Why exposures were dropped; the metric attribute is the lower-case name. */
  enum DropReason {
    BUFFER_FULL("buffer_full"),
    SEND_FAILED("send_failed"),
    SHUTDOWN("shutdown");

    private final String attribute;

    DropReason(String attribute) {
      this.attribute = attribute;
    }
  }

  private final LongCounter recordedMetric;
  private final LongCounter sentMetric;
  private final LongCounter droppedMetric;
  private final LongAdder recorded = new LongAdder();
  private final LongAdder sent = new LongAdder();
  private final Map<DropReason, LongAdder> dropped = new EnumMap<>(DropReason.class);
  private final Map<DropReason, Attributes> reasons = new EnumMap<>(DropReason.class);
  private final ThrottledWarning dropWarning = new ThrottledWarning(System::nanoTime, 1000);
  private final AtomicLong loggedTotal = new AtomicLong();

  ExposureCounters(OpenTelemetry telemetry) {
    Meter meter = telemetry.getMeter("dev.assay");
    recordedMetric =
        meter
            .counterBuilder("assay.exposures.recorded")
            .setDescription("Exposures accepted for sending to the analysis service")
            .build();
    sentMetric =
        meter
            .counterBuilder("assay.exposures.sent")
            .setDescription("Exposures the analysis service acknowledged")
            .build();
    droppedMetric =
        meter
            .counterBuilder("assay.exposures.dropped")
            .setDescription("Exposures never delivered, by reason")
            .build();
    for (DropReason reason : DropReason.values()) {
      dropped.put(reason, new LongAdder());
      reasons.put(reason, Attributes.of(AttributeKey.stringKey("reason"), reason.attribute));
    }
  }

  void recorded() {
    recorded.increment();
    recordedMetric.add(1);
  }

  void sent(int count) {
    sent.add(count);
    sentMetric.add(count);
  }

  /** Counts {@code count} dropped exposures; {@code detail} (no secrets) goes in the warning. */
  void dropped(DropReason reason, int count, String detail) {
    droppedCount(reason).add(count);
    droppedMetric.add(count, Objects.requireNonNull(reasons.get(reason)));
    long total = totalDropped();
    if (dropWarning.warn(
        "exposures.dropped",
        "reason",
        reason.attribute,
        "count",
        count,
        "detail",
        detail,
        "dropped",
        total)) {
      loggedTotal.accumulateAndGet(total, Math::max);
    }
  }

  /**
   * Logs the drop total if lines were held back since the last one (at most one line a second), so
   * that the log always catches up with the count; the sender calls it as it goes.
   */
  void logHeldBackDrops() {
    long total = totalDropped();
    if (total > loggedTotal.get()
        && dropWarning.warn("exposures.dropped", "detail", "total since start", "dropped", total)) {
      loggedTotal.accumulateAndGet(total, Math::max);
    }
  }

  ExposureStats snapshot(int buffered) {
    return new ExposureStats(
        recorded.sum(),
        sent.sum(),
        droppedCount(DropReason.BUFFER_FULL).sum(),
        droppedCount(DropReason.SEND_FAILED).sum(),
        droppedCount(DropReason.SHUTDOWN).sum(),
        buffered);
  }

  private LongAdder droppedCount(DropReason reason) {
    return Objects.requireNonNull(dropped.get(reason)); // every reason has one
  }

  /** Every dropped exposure so far. */
  long totalDropped() {
    long total = 0;
    for (LongAdder adder : dropped.values()) {
      total += adder.sum();
    }
    return total;
  }
}
