package dev.assay.cli.metrics;

import dev.assay.analysis.v1.MetricDefinition;
import dev.assay.cli.output.TextTable;

/** Metric definitions as table rows: the columns an operator scans. */
final class MetricRows {
  private MetricRows() {}

  static TextTable table() {
    return new TextTable("KEY", "KIND", "DIRECTION", "VERSION", "NAME");
  }

  static void add(TextTable table, MetricDefinition metric) {
    table.add(
        metric.getKey(),
        metric.getKind().name().replace("METRIC_KIND_", ""),
        metric.getDirection().name().replace("METRIC_DIRECTION_", ""),
        Long.toString(metric.getVersion()),
        metric.getName());
  }
}
