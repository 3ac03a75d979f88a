package dev.assay.analysis.metrics;

import static dev.assay.runtime.testing.GrpcAssertions.assertInvalidFields;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.protobuf.Duration;
import dev.assay.analysis.v1.ListMetricsRequest;
import dev.assay.analysis.v1.MetricDefinition;
import dev.assay.analysis.v1.MetricKind;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The validation table of CreateMetric: each bad definition is refused with INVALID_ARGUMENT naming
 * exactly the bad fields, and changes nothing; the boundaries themselves are accepted.
 */
abstract class MetricValidationContract extends MetricFixture {
  private static final long DAY = 86_400;

  @BeforeEach
  void createParts() {
    create(Metrics.sum("revenue"));
    create(Metrics.conversion("orders"));
    create(Metrics.mean("latency"));
    create(Metrics.ratio("aov", "revenue", "orders"));
  }

  private static Duration seconds(long seconds, int nanos) {
    return Duration.newBuilder().setSeconds(seconds).setNanos(nanos).build();
  }

  private static Arguments bad(String what, MetricDefinition.Builder metric, String... fields) {
    return Arguments.of(what, metric.build(), List.of(fields));
  }

  static Stream<Arguments> badDefinitions() {
    return Stream.of(
        bad("empty key", Metrics.sum(""), "metric.key"),
        bad("key with a space", Metrics.sum("a b"), "metric.key"),
        bad("key of 129 characters", Metrics.sum("k".repeat(129)), "metric.key"),
        bad("key with a slash", Metrics.sum("a/b"), "metric.key"),
        bad("name of 257 characters", Metrics.sum("x").setName("n".repeat(257)), "metric.name"),
        bad("no kind", Metrics.sum("x").setKind(MetricKind.METRIC_KIND_UNSPECIFIED), "metric.kind"),
        bad("unknown kind", Metrics.sum("x").setKindValue(99), "metric.kind"),
        bad("unknown direction", Metrics.sum("x").setDirectionValue(7), "metric.direction"),
        bad(
            "negative margin",
            Metrics.mean("x").setGuardrailMargin(-0.01),
            "metric.guardrail_margin"),
        bad(
            "margin above 10",
            Metrics.mean("x").setGuardrailMargin(10.5),
            "metric.guardrail_margin"),
        bad(
            "NaN margin",
            Metrics.mean("x").setGuardrailMargin(Double.NaN),
            "metric.guardrail_margin"),
        bad(
            "infinite margin",
            Metrics.mean("x").setGuardrailMargin(Double.POSITIVE_INFINITY),
            "metric.guardrail_margin"),
        bad(
            "zero window",
            Metrics.sum("x").setAttributionWindow(seconds(0, 0)),
            "metric.attribution_window"),
        bad(
            "negative window",
            Metrics.sum("x").setAttributionWindow(seconds(-60, 0)),
            "metric.attribution_window"),
        bad(
            "window of 367 days",
            Metrics.sum("x").setAttributionWindow(seconds(367 * DAY, 0)),
            "metric.attribution_window"),
        bad(
            "window a nanosecond past 366 days",
            Metrics.sum("x").setAttributionWindow(seconds(366 * DAY, 1)),
            "metric.attribution_window"),
        bad(
            "window with nanos out of range",
            Metrics.sum("x").setAttributionWindow(seconds(1, 1_000_000_000)),
            "metric.attribution_window"),
        bad(
            "window with mixed signs",
            Metrics.sum("x").setAttributionWindow(seconds(1, -5)),
            "metric.attribution_window"),
        bad(
            "zero lookback",
            Metrics.sum("x").setCupedLookback(seconds(0, 0)),
            "metric.cuped_lookback"),
        bad(
            "huge lookback",
            Metrics.sum("x").setCupedLookback(seconds(Long.MAX_VALUE, 0)),
            "metric.cuped_lookback"),
        bad("NaN cap", Metrics.sum("x").setWinsorizeCap(Double.NaN), "metric.winsorize_cap"),
        bad(
            "infinite cap",
            Metrics.sum("x").setWinsorizeCap(Double.NEGATIVE_INFINITY),
            "metric.winsorize_cap"),
        bad("cap of 1e101", Metrics.sum("x").setWinsorizeCap(1e101), "metric.winsorize_cap"),
        bad(
            "cap on a conversion",
            Metrics.conversion("x").setWinsorizeCap(1),
            "metric.winsorize_cap"),
        bad(
            "numerator on a sum",
            Metrics.sum("x").setNumeratorMetric("orders"),
            "metric.numerator_metric"),
        bad(
            "denominator on a mean",
            Metrics.mean("x").setDenominatorMetric("orders"),
            "metric.denominator_metric"),
        bad("ratio without numerator", Metrics.ratio("x", "", "orders"), "metric.numerator_metric"),
        bad(
            "ratio without denominator",
            Metrics.ratio("x", "revenue", ""),
            "metric.denominator_metric"),
        bad(
            "ratio with a malformed part",
            Metrics.ratio("x", "re venue", "orders"),
            "metric.numerator_metric"),
        bad(
            "ratio with a lookback",
            Metrics.ratio("x", "revenue", "orders").setCupedLookback(seconds(DAY, 0)),
            "metric.cuped_lookback"),
        bad(
            "ratio with a cap",
            Metrics.ratio("x", "revenue", "orders").setWinsorizeCap(5),
            "metric.winsorize_cap"),
        bad(
            "ratio of a missing metric",
            Metrics.ratio("x", "missing", "orders"),
            "metric.numerator_metric"),
        bad("ratio of a ratio", Metrics.ratio("x", "revenue", "aov"), "metric.denominator_metric"),
        bad("ratio of a mean", Metrics.ratio("x", "latency", "orders"), "metric.numerator_metric"),
        bad("ratio of itself", Metrics.ratio("x", "x", "orders"), "metric.numerator_metric"),
        bad(
            "ratio of two missing metrics",
            Metrics.ratio("x", "nope", "neither"),
            "metric.numerator_metric",
            "metric.denominator_metric"),
        bad(
            "many bad fields at once",
            Metrics.sum("")
                .setName("n".repeat(300))
                .setGuardrailMargin(Double.NaN)
                .setAttributionWindow(seconds(0, 0))
                .setDenominatorMetric("orders"),
            "metric.key",
            "metric.name",
            "metric.guardrail_margin",
            "metric.attribution_window",
            "metric.denominator_metric"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badDefinitions")
  void aBadDefinitionIsRefusedNamingItsFieldsAndChangesNothing(
      String what, MetricDefinition metric, List<String> fields) {
    assertInvalidFields(fields, () -> create(metric.toBuilder()));

    assertEquals(
        4, replica.metrics.listMetrics(ListMetricsRequest.getDefaultInstance()).getMetricsCount());
    assertEquals(4, audit().size(), "only the four valid creates are audited");
  }

  static Stream<Arguments> boundaries() {
    return Stream.<UnaryOperator<MetricDefinition.Builder>>of(
            m -> m.setKey("k".repeat(128)),
            m -> m.setKey("A-z_0.9"),
            m -> m.setName("n".repeat(256)),
            m -> m.setName(""),
            m -> m.setGuardrailMargin(0),
            m -> m.setGuardrailMargin(10),
            m -> m.setAttributionWindow(seconds(366 * DAY, 0)),
            m -> m.setAttributionWindow(seconds(0, 1)),
            m -> m.setCupedLookback(seconds(366 * DAY, 0)),
            m -> m.setWinsorizeCap(0),
            m -> m.setWinsorizeCap(-1e100))
        .map(Arguments::of);
  }

  @ParameterizedTest
  @MethodSource("boundaries")
  void theBoundariesAreAccepted(UnaryOperator<MetricDefinition.Builder> edit) {
    MetricDefinition.Builder metric = edit.apply(Metrics.sum("boundary"));
    assertEquals(1, create(metric).getVersion());
  }

  @Test
  void everyKindCanBeCreated() {
    create(Metrics.conversion("c"));
    create(Metrics.sum("s").setKind(MetricKind.METRIC_KIND_COUNT).setKey("n"));
    create(Metrics.ratio("r", "revenue", "n"));
    assertEquals(
        7, replica.metrics.listMetrics(ListMetricsRequest.getDefaultInstance()).getMetricsCount());
  }
}
