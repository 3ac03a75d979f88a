package dev.assay.cli.results;

import dev.assay.analysis.v1.ExperimentResults;
import dev.assay.analysis.v1.GuardrailStatus;
import dev.assay.analysis.v1.MetricResults;
import dev.assay.analysis.v1.MetricRole;
import dev.assay.analysis.v1.Progress;
import dev.assay.analysis.v1.SampleRatio;
import dev.assay.analysis.v1.VariationExposure;
import dev.assay.analysis.v1.VariationMetricResult;
import dev.assay.cli.output.TerminalText;
import dev.assay.cli.output.TextTable;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Live results for a terminal: the recommendation, progress and sample-ratio lines, then one row
 * per metric x variation with its value, lift and the evidence behind it.
 */
final class ResultsTable {
  private ResultsTable() {}

  static void print(ExperimentResults results, PrintWriter out) {
    out.println(
        "experiment "
            + TerminalText.clean(results.getExperimentKey())
            + "  as of "
            + com.google.protobuf.util.Timestamps.toString(results.getAsOf())
            + "  alpha "
            + Figures.number(results.getAlpha()));
    out.println(
        "recommendation: "
            + results.getRecommendation().name().replace("RECOMMENDATION_", "")
            + (results.getRecommendedVariation().isEmpty()
                ? ""
                : " " + TerminalText.clean(results.getRecommendedVariation())));
    results.getReasonsList().forEach(reason -> out.println("  " + TerminalText.clean(reason)));
    out.println(progress(results.getProgress()));
    long exposed =
        results.getVariationsList().stream().mapToLong(VariationExposure::getUnits).sum();
    out.println(
        exposed == 0 ? "sample ratio: no exposures yet" : sampleRatio(results.getSampleRatio()));
    out.println(
        "exposures: "
            + results.getVariationsList().stream()
                .map(ResultsTable::exposure)
                .collect(Collectors.joining(", ")));
    out.println();
    TextTable table =
        new TextTable(
            "METRIC",
            "ROLE",
            "VARIATION",
            "UNITS",
            "VALUE [CI]",
            "LIFT [CI]",
            "RELATIVE LIFT [CI]",
            "P-VALUE",
            "ALWAYS-VALID P",
            "CHANCE TO BEAT CONTROL",
            "GUARDRAIL");
    for (MetricResults metric : results.getMetricsList()) {
      long controlUnits =
          metric.getVariationsList().isEmpty() ? 0 : metric.getVariations(0).getUnits();
      for (VariationMetricResult v : metric.getVariationsList()) {
        boolean control = v.getVariationIndex() == 0;
        // Without units on both sides there is no test: zeros would read as evidence.
        boolean untested = control || v.getUnits() < 2 || controlUnits < 2;
        table.add(
            metric.getMetricKey(),
            role(metric.getRole()),
            v.getVariationKey() + (control ? " (control)" : ""),
            Long.toString(v.getUnits()),
            Figures.withInterval(v.getValue(), v.getValueInterval()),
            control
                ? "-"
                : Figures.withInterval(
                    v.getAbsoluteLift().getEstimate(), v.getAbsoluteLift().getInterval()),
            control
                ? "-"
                : Figures.percentWithInterval(
                    v.getRelativeLift().getEstimate(), v.getRelativeLift().getInterval()),
            untested
                ? "-"
                : Figures.pValue(v.getPValue()) + (v.getPValueValid() ? "" : " (not valid yet)"),
            untested ? "-" : Figures.pValue(v.getAlwaysValidPValue()),
            untested ? "-" : Figures.percent(v.getChanceToBeatControl()),
            control || metric.getRole() != MetricRole.METRIC_ROLE_GUARDRAIL
                ? "-"
                : guardrail(v.getGuardrailStatus()));
      }
    }
    table.print(out);
  }

  private static String progress(Progress progress) {
    if (progress.getPlannedUnits() == 0) {
      return "progress: " + progress.getExposedUnits() + " units exposed, no planned sample size";
    }
    return String.format(
        Locale.ROOT,
        "progress: %d / %d units (%s)%s",
        progress.getExposedUnits(),
        progress.getPlannedUnits(),
        Figures.percent(progress.getFraction()),
        progress.hasEstimatedDaysLeft()
            ? String.format(Locale.ROOT, ", about %.1f days left", progress.getEstimatedDaysLeft())
            : progress.getFraction() >= 1 ? ", planned sample size reached" : "");
  }

  private static String sampleRatio(SampleRatio ratio) {
    return String.format(
        Locale.ROOT,
        "sample ratio: %s (chi-square %s, p %s)",
        ratio.getMismatch() ? "MISMATCH, investigate before trusting any figure" : "ok",
        Figures.number(ratio.getStatistic()),
        Figures.pValue(ratio.getPValue()));
  }

  private static String exposure(VariationExposure v) {
    return TerminalText.clean(v.getVariationKey())
        + " "
        + v.getUnits()
        + " (expected "
        + Figures.percent(v.getExpectedShare())
        + ")";
  }

  static String role(MetricRole role) {
    return role.name().replace("METRIC_ROLE_", "").toLowerCase(Locale.ROOT);
  }

  static String guardrail(GuardrailStatus status) {
    return status.name().replace("GUARDRAIL_STATUS_", "").toLowerCase(Locale.ROOT);
  }
}
