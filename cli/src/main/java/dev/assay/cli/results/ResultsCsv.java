package dev.assay.cli.results;

import dev.assay.analysis.v1.ExperimentResults;
import dev.assay.analysis.v1.MetricResults;
import dev.assay.analysis.v1.VariationMetricResult;
import java.io.PrintWriter;
import java.util.List;

/**
 * Live results as CSV (RFC 4180): a header, then one row per metric x variation, numbers at full
 * precision; the comparison columns are empty for control.
 */
final class ResultsCsv {
  static final List<String> HEADER =
      List.of(
          "experiment_key",
          "metric_key",
          "role",
          "variation_index",
          "variation_key",
          "units",
          "value",
          "value_lower",
          "value_upper",
          "absolute_lift",
          "absolute_lift_lower",
          "absolute_lift_upper",
          "relative_lift",
          "relative_lift_lower",
          "relative_lift_upper",
          "p_value",
          "p_value_valid",
          "adjusted_p_value",
          "always_valid_p_value",
          "chance_to_beat_control",
          "guardrail_status");

  private ResultsCsv() {}

  static void print(ExperimentResults results, PrintWriter out) {
    out.println(String.join(",", HEADER));
    for (MetricResults metric : results.getMetricsList()) {
      for (VariationMetricResult v : metric.getVariationsList()) {
        boolean control = v.getVariationIndex() == 0;
        List<String> cells =
            List.of(
                cell(results.getExperimentKey()),
                cell(metric.getMetricKey()),
                ResultsTable.role(metric.getRole()),
                Integer.toString(v.getVariationIndex()),
                cell(v.getVariationKey()),
                Long.toString(v.getUnits()),
                Double.toString(v.getValue()),
                Double.toString(v.getValueInterval().getLower()),
                Double.toString(v.getValueInterval().getUpper()),
                control ? "" : Double.toString(v.getAbsoluteLift().getEstimate()),
                control ? "" : Double.toString(v.getAbsoluteLift().getInterval().getLower()),
                control ? "" : Double.toString(v.getAbsoluteLift().getInterval().getUpper()),
                control ? "" : Double.toString(v.getRelativeLift().getEstimate()),
                control ? "" : Double.toString(v.getRelativeLift().getInterval().getLower()),
                control ? "" : Double.toString(v.getRelativeLift().getInterval().getUpper()),
                control ? "" : Double.toString(v.getPValue()),
                control ? "" : Boolean.toString(v.getPValueValid()),
                control ? "" : Double.toString(v.getAdjustedPValue()),
                control ? "" : Double.toString(v.getAlwaysValidPValue()),
                control ? "" : Double.toString(v.getChanceToBeatControl()),
                control ? "" : ResultsTable.guardrail(v.getGuardrailStatus()));
        out.println(String.join(",", cells));
      }
    }
    out.flush();
  }

  /** Quoted when it holds a comma, a quote or a line break (server text is never trusted). */
  static String cell(String text) {
    if (text.indexOf(',') < 0
        && text.indexOf('"') < 0
        && text.indexOf('\n') < 0
        && text.indexOf('\r') < 0) {
      return text;
    }
    return "\"" + text.replace("\"", "\"\"") + "\"";
  }
}
