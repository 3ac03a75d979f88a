package dev.assay.analysis.api;

import static dev.assay.runtime.proto.ProtoTime.timestamp;

import com.google.protobuf.Duration;
import com.google.protobuf.Timestamp;
import dev.assay.analysis.metrics.MetricDefinition;
import dev.assay.analysis.metrics.MetricKind;
import dev.assay.analysis.v1.MetricDirection;
import dev.assay.runtime.errors.BoundedText;
import dev.assay.runtime.errors.Violations;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Metric definitions: contract ↔ domain. {@link #toDomain} is where a definition's own fields are
 * validated (docs/experiment-loop.md, "Metrics"), every bad field named {@code metric.<field>} at
 * once; what needs the other metrics (a ratio's parts) and the stored version (the kind never
 * changes) is checked by the registry.
 */
final class MetricMapper {
  /** Metric keys: what outcome events name. */
  static final Pattern KEY = Pattern.compile("[A-Za-z0-9_.-]{1,128}");

  /** Characters of a display name. */
  static final int MAX_NAME_CHARS = 256;

  /** Largest guardrail margin: a tolerated degradation of 1000% is already no guardrail. */
  static final double MAX_GUARDRAIL_MARGIN = 10;

  /** Longest attribution window and CUPED lookback: 366 days. */
  static final long MAX_PERIOD_SECONDS = 366L * 24 * 60 * 60;

  private static final String KEY_RULE = "must be 1-128 characters of [A-Za-z0-9_.-]";

  private MetricMapper() {}

  /**
   * The domain metric {@code p} describes, its version and update time kept as sent (a create
   * replaces them).
   *
   * @throws dev.assay.runtime.errors.ValidationException naming every bad field
   */
  static MetricDefinition toDomain(dev.assay.analysis.v1.MetricDefinition p) {
    Violations v = new Violations();
    v.check(!KEY.matcher(p.getKey()).matches(), "metric.key", KEY_RULE);
    v.check(
        p.getName().length() > MAX_NAME_CHARS,
        "metric.name",
        "at most " + MAX_NAME_CHARS + " characters, got " + p.getName().length());
    MetricKind kind = kind(p.getKind());
    v.check(
        kind == null,
        "metric.kind",
        "required: one of METRIC_KIND_CONVERSION, _SUM, _MEAN, _COUNT, _RATIO");
    v.check(
        p.getDirection() == MetricDirection.UNRECOGNIZED,
        "metric.direction",
        "unknown direction " + p.getDirectionValue());
    if (p.hasGuardrailMargin()) {
      double margin = p.getGuardrailMargin();
      v.check(
          !(margin >= 0 && margin <= MAX_GUARDRAIL_MARGIN),
          "metric.guardrail_margin",
          "must be in [0, " + (int) MAX_GUARDRAIL_MARGIN + "] (0.02 is 2%), got " + margin);
    }
    Optional<java.time.Duration> window =
        period(v, p.hasAttributionWindow(), p.getAttributionWindow(), "metric.attribution_window");
    Optional<java.time.Duration> lookback =
        period(v, p.hasCupedLookback(), p.getCupedLookback(), "metric.cuped_lookback");
    if (p.hasWinsorizeCap()) {
      double cap = p.getWinsorizeCap();
      v.check(
          !(Math.abs(cap) <= FieldChecks.MAX_MAGNITUDE),
          "metric.winsorize_cap",
          "must be finite with magnitude at most 1e100, got " + cap);
      v.check(
          kind == MetricKind.CONVERSION || kind == MetricKind.RATIO,
          "metric.winsorize_cap",
          "applies to SUM, MEAN and COUNT metrics only, not " + kind);
    }
    v.check(
        kind == MetricKind.RATIO && p.hasCupedLookback(),
        "metric.cuped_lookback",
        "does not apply to RATIO metrics");
    if (kind != null) {
      checkPart(v, kind, p.getNumeratorMetric(), "metric.numerator_metric");
      checkPart(v, kind, p.getDenominatorMetric(), "metric.denominator_metric");
    }
    v.throwIfAny();
    return new MetricDefinition(
        p.getKey(),
        p.getName(),
        Objects.requireNonNull(kind, "a missing kind is a violation above"),
        p.getDirection() == MetricDirection.METRIC_DIRECTION_DECREASE_IS_BETTER,
        p.hasGuardrailMargin() ? OptionalDouble.of(p.getGuardrailMargin()) : OptionalDouble.empty(),
        window,
        lookback,
        p.hasWinsorizeCap() ? OptionalDouble.of(p.getWinsorizeCap()) : OptionalDouble.empty(),
        optional(p.getNumeratorMetric()),
        optional(p.getDenominatorMetric()),
        p.getVersion(),
        instant(p.getUpdateTime()));
  }

  /** The contract form of a stored metric. */
  static dev.assay.analysis.v1.MetricDefinition toProto(MetricDefinition m) {
    dev.assay.analysis.v1.MetricDefinition.Builder p =
        dev.assay.analysis.v1.MetricDefinition.newBuilder()
            .setKey(m.key())
            .setName(m.name())
            .setKind(kind(m.kind()))
            .setDirection(
                m.isDecreaseBetter()
                    ? MetricDirection.METRIC_DIRECTION_DECREASE_IS_BETTER
                    : MetricDirection.METRIC_DIRECTION_INCREASE_IS_BETTER)
            .setNumeratorMetric(m.numeratorMetric().orElse(""))
            .setDenominatorMetric(m.denominatorMetric().orElse(""))
            .setVersion(m.version())
            .setUpdateTime(timestamp(m.updateTime()));
    m.guardrailMargin().ifPresent(p::setGuardrailMargin);
    m.winsorizeCap().ifPresent(p::setWinsorizeCap);
    m.attributionWindow().ifPresent(d -> p.setAttributionWindow(duration(d)));
    m.cupedLookback().ifPresent(d -> p.setCupedLookback(duration(d)));
    return p.build();
  }

  /** A ratio needs both parts, each a valid key; other kinds take neither. */
  private static void checkPart(Violations v, MetricKind kind, String key, String field) {
    if (kind == MetricKind.RATIO) {
      v.check(
          !KEY.matcher(key).matches(),
          field,
          "required for a RATIO metric: the key of a SUM, COUNT or CONVERSION metric; "
              + KEY_RULE
              + (key.isEmpty() ? "" : ", got " + BoundedText.truncate(key, 64)));
    } else {
      v.check(!key.isEmpty(), field, "applies to RATIO metrics only");
    }
  }

  /**
   * An attribution window or CUPED lookback: unset, or a valid Duration in (0, 366 days]; records a
   * violation otherwise.
   */
  private static Optional<java.time.Duration> period(
      Violations v, boolean isSet, Duration d, String field) {
    if (!isSet) {
      return Optional.empty();
    }
    long seconds = d.getSeconds();
    int nanos = d.getNanos();
    boolean positive = seconds > 0 ? nanos >= 0 : seconds == 0 && nanos > 0;
    boolean inRange =
        positive
            && nanos <= 999_999_999
            && (seconds < MAX_PERIOD_SECONDS || (seconds == MAX_PERIOD_SECONDS && nanos == 0));
    if (!inRange) {
      v.add(
          field,
          "must be a positive Duration of at most 366 days (nanos in [0, 999999999]); leave it"
              + " unset for none");
      return Optional.empty();
    }
    return Optional.of(java.time.Duration.ofSeconds(seconds, nanos));
  }

  private static Duration duration(java.time.Duration d) {
    return Duration.newBuilder().setSeconds(d.getSeconds()).setNanos(d.getNano()).build();
  }

  /** An output-only time as sent; the epoch when it is unset or out of range (it is replaced). */
  private static Instant instant(Timestamp t) {
    boolean valid =
        t.getSeconds() >= Instant.MIN.getEpochSecond()
            && t.getSeconds() <= Instant.MAX.getEpochSecond()
            && t.getNanos() >= 0
            && t.getNanos() <= 999_999_999;
    return valid ? Instant.ofEpochSecond(t.getSeconds(), t.getNanos()) : Instant.EPOCH;
  }

  private static Optional<String> optional(String key) {
    return key.isEmpty() ? Optional.empty() : Optional.of(key);
  }

  private static @Nullable MetricKind kind(dev.assay.analysis.v1.MetricKind kind) {
    return switch (kind) {
      case METRIC_KIND_CONVERSION -> MetricKind.CONVERSION;
      case METRIC_KIND_SUM -> MetricKind.SUM;
      case METRIC_KIND_MEAN -> MetricKind.MEAN;
      case METRIC_KIND_COUNT -> MetricKind.COUNT;
      case METRIC_KIND_RATIO -> MetricKind.RATIO;
      case METRIC_KIND_UNSPECIFIED, UNRECOGNIZED -> null;
    };
  }

  private static dev.assay.analysis.v1.MetricKind kind(MetricKind kind) {
    return switch (kind) {
      case CONVERSION -> dev.assay.analysis.v1.MetricKind.METRIC_KIND_CONVERSION;
      case SUM -> dev.assay.analysis.v1.MetricKind.METRIC_KIND_SUM;
      case MEAN -> dev.assay.analysis.v1.MetricKind.METRIC_KIND_MEAN;
      case COUNT -> dev.assay.analysis.v1.MetricKind.METRIC_KIND_COUNT;
      case RATIO -> dev.assay.analysis.v1.MetricKind.METRIC_KIND_RATIO;
    };
  }
}
