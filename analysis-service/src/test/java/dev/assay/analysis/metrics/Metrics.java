package dev.assay.analysis.metrics;

import com.google.protobuf.Duration;
import dev.assay.analysis.v1.MetricDefinition;
import dev.assay.analysis.v1.MetricDirection;
import dev.assay.analysis.v1.MetricKind;

/** Valid metric definitions in contract form, for tests to start from. */
final class Metrics {
  private Metrics() {}

  static MetricDefinition.Builder conversion(String key) {
    return MetricDefinition.newBuilder()
        .setKey(key)
        .setName("Converted " + key)
        .setKind(MetricKind.METRIC_KIND_CONVERSION)
        .setDirection(MetricDirection.METRIC_DIRECTION_INCREASE_IS_BETTER)
        .setAttributionWindow(Duration.newBuilder().setSeconds(7 * 86_400));
  }

  static MetricDefinition.Builder sum(String key) {
    return MetricDefinition.newBuilder()
        .setKey(key)
        .setName("Revenue " + key)
        .setKind(MetricKind.METRIC_KIND_SUM)
        .setDirection(MetricDirection.METRIC_DIRECTION_INCREASE_IS_BETTER)
        .setWinsorizeCap(1000)
        .setCupedLookback(Duration.newBuilder().setSeconds(14 * 86_400));
  }

  static MetricDefinition.Builder mean(String key) {
    return MetricDefinition.newBuilder()
        .setKey(key)
        .setName("Latency " + key)
        .setKind(MetricKind.METRIC_KIND_MEAN)
        .setDirection(MetricDirection.METRIC_DIRECTION_DECREASE_IS_BETTER)
        .setGuardrailMargin(0.02);
  }

  static MetricDefinition.Builder ratio(String key, String numerator, String denominator) {
    return MetricDefinition.newBuilder()
        .setKey(key)
        .setName("Ratio " + key)
        .setKind(MetricKind.METRIC_KIND_RATIO)
        .setNumeratorMetric(numerator)
        .setDenominatorMetric(denominator);
  }
}
