package dev.assay.analysis.aggregates;

import java.time.Duration;

/**
 * How much of a unit's pre-exposure history both stores keep (docs/experiment-loop.md,
 * "Pre-exposure history"): per unit and metric, the newest {@link #EVENTS_PER_METRIC} events by
 * event time, none older than the metric's lookback plus {@link #LATE_EXPOSURE_GRACE} before the
 * server's clock.
 */
final class PreExposureLimits {
  /**
   * Events kept per unit and metric. Beyond it the oldest go: a unit with more events than this in
   * one lookback gets a covariate from its newest ones only.
   */
  static final int EVENTS_PER_METRIC = 1_000;

  /**
   * How late an exposure may be recorded (its time before the server's clock) and still find its
   * whole pre-period: events older than the lookback by more than this are dropped.
   */
  static final Duration LATE_EXPOSURE_GRACE = Duration.ofDays(1);

  private PreExposureLimits() {}

  /** Events before this time (epoch millis) can no longer matter to an exposure recorded now. */
  static long cutoffMillis(long nowMillis, long lookbackMillis) {
    return nowMillis - lookbackMillis - LATE_EXPOSURE_GRACE.toMillis();
  }

  /** How long a unit's history outlives its last event of a metric with this lookback. */
  static long retentionMillis(long lookbackMillis) {
    return lookbackMillis + LATE_EXPOSURE_GRACE.toMillis();
  }
}
