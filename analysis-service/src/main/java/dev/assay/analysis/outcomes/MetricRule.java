package dev.assay.analysis.outcomes;

import dev.assay.analysis.metrics.MetricDefinition;
import dev.assay.analysis.metrics.MetricKind;
import java.time.Duration;

/**
 * How one metric turns a unit's attributed events into its per-unit value, covariate and
 * contribution to the sufficient statistics: the part of a {@link MetricDefinition} the aggregates
 * need, in a form both stores (and the Redis script, which mirrors it) evaluate the same way.
 *
 * <p>A unit's state for a metric is four numbers. For SUM, COUNT, CONVERSION and MEAN: the sum and
 * count of in-window values, and the sum and count of pre-exposure (CUPED) values. For RATIO: the
 * sum and count of the numerator metric's in-window values, and those of the denominator's.
 *
 * @param metricKey the metric
 * @param kind its kind
 * @param windowMillis the attribution window; negative: no limit
 * @param lookbackMillis the CUPED lookback; negative: no covariate (always for RATIO)
 * @param cap the winsorisation cap (+∞ without one)
 * @param numeratorKind RATIO: the numerator metric's kind (else {@code kind})
 * @param numeratorCap RATIO: the numerator metric's cap (else {@code cap})
 * @param denominatorKind RATIO: the denominator metric's kind (else {@code kind})
 * @param denominatorCap RATIO: the denominator metric's cap (else {@code cap})
 */
public record MetricRule(
    String metricKey,
    MetricKind kind,
    long windowMillis,
    long lookbackMillis,
    double cap,
    MetricKind numeratorKind,
    double numeratorCap,
    MetricKind denominatorKind,
    double denominatorCap) {
  /** Numbers of a unit's state. */
  public static final int STATE_SIZE = 4;

  /** Numbers of a unit's contribution, in the order of {@code MetricMoments}' components. */
  public static final int MOMENTS = 9;

  /** Where an event falls relative to the unit's exposure. */
  public enum Placement {
    /** Inside the attribution window: it changes the unit's value. */
    IN_WINDOW,
    /** Inside the CUPED lookback before exposure: it changes the unit's covariate. */
    PRE_PERIOD,
    /** Neither: it does not count for this metric. */
    IGNORED
  }

  /** The rule of a non-RATIO metric. */
  public static MetricRule of(MetricDefinition metric) {
    double cap = metric.winsorizeCap().orElse(Double.POSITIVE_INFINITY);
    return new MetricRule(
        metric.key(),
        metric.kind(),
        metric.attributionWindow().map(Duration::toMillis).orElse(-1L),
        metric.kind() == MetricKind.RATIO
            ? -1L
            : metric.cupedLookback().map(Duration::toMillis).orElse(-1L),
        cap,
        metric.kind(),
        cap,
        metric.kind(),
        cap);
  }

  /** The rule of a RATIO metric over its numerator and denominator metrics. */
  public static MetricRule ofRatio(
      MetricDefinition ratio, MetricDefinition numerator, MetricDefinition denominator) {
    return new MetricRule(
        ratio.key(),
        MetricKind.RATIO,
        ratio.attributionWindow().map(Duration::toMillis).orElse(-1L),
        -1L,
        Double.POSITIVE_INFINITY,
        numerator.kind(),
        numerator.winsorizeCap().orElse(Double.POSITIVE_INFINITY),
        denominator.kind(),
        denominator.winsorizeCap().orElse(Double.POSITIVE_INFINITY));
  }

  /** Whether only units with an event count (MEAN), rather than every exposed unit. */
  public boolean countsOnlyUnitsWithEvents() {
    return kind == MetricKind.MEAN;
  }

  /** Where an event at {@code eventMillis} falls for a unit exposed at {@code exposureMillis}. */
  public Placement place(long eventMillis, long exposureMillis) {
    if (eventMillis >= exposureMillis) {
      return windowMillis < 0 || eventMillis - exposureMillis <= windowMillis
          ? Placement.IN_WINDOW
          : Placement.IGNORED;
    }
    return lookbackMillis >= 0 && exposureMillis - eventMillis <= lookbackMillis
        ? Placement.PRE_PERIOD
        : Placement.IGNORED;
  }

  /** Adds an event's value to a unit's state. */
  public void apply(double[] state, Reading.Part part, Placement placement, double value) {
    int offset = part == Reading.Part.DENOMINATOR || placement == Placement.PRE_PERIOD ? 2 : 0;
    state[offset] += value;
    state[offset + 1] += 1;
  }

  /**
   * Writes the unit's contribution to the sufficient statistics into {@code out} ({@link #MOMENTS}
   * numbers): (counted, y, y², d, d², y·d, x, x², x·y), all zero when the unit does not count.
   */
  public void contribution(double[] state, double[] out) {
    double y;
    double d = 0;
    double x = 0;
    boolean isCounted;
    if (kind == MetricKind.RATIO) {
      y = value(numeratorKind, state[0], state[1], numeratorCap);
      d = value(denominatorKind, state[2], state[3], denominatorCap);
      isCounted = true;
    } else {
      y = value(kind, state[0], state[1], cap);
      x = lookbackMillis < 0 ? 0 : value(kind, state[2], state[3], cap);
      isCounted = kind != MetricKind.MEAN || state[1] > 0;
    }
    if (!isCounted) {
      java.util.Arrays.fill(out, 0);
      return;
    }
    out[0] = 1;
    out[1] = y;
    out[2] = y * y;
    out[3] = d;
    out[4] = d * d;
    out[5] = y * d;
    out[6] = x;
    out[7] = x * x;
    out[8] = x * y;
  }

  /** A per-unit value from the sum and count of its values, winsorised at {@code cap}. */
  static double value(MetricKind kind, double sum, double count, double cap) {
    double raw =
        switch (kind) {
          case CONVERSION -> count > 0 ? 1 : 0;
          case SUM -> sum;
          case COUNT -> count;
          case MEAN -> count > 0 ? sum / count : 0;
          case RATIO -> throw new IllegalArgumentException("a RATIO has no value of its own");
        };
    return Math.min(raw, cap);
  }
}
