package dev.assay.analysis.results;

import dev.assay.analysis.experiment.ExperimentAnalysis;
import dev.assay.analysis.experiment.ExperimentPlan;
import dev.assay.analysis.experiment.ExperimentReport;
import dev.assay.analysis.experiment.MetricData;
import dev.assay.analysis.experiment.Recommendation;
import dev.assay.analysis.means.SampleSummary;
import dev.assay.analysis.metrics.MetricKind;
import dev.assay.analysis.multiplicity.CorrectionMethod;
import dev.assay.analysis.proportions.BinomialCounts;
import dev.assay.analysis.srm.SampleRatioCheck;
import dev.assay.analysis.srm.SampleRatioResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The recommendation, in order: a sample-ratio mismatch → INVESTIGATE_SAMPLE_RATIO; a guardrail
 * breached on its always-valid interval → STOP_GUARDRAIL_BREACHED; before the planned size → SHIP
 * only when the primary metric's always-valid test is conclusive in the better direction and every
 * guardrail passed, else KEEP_RUNNING; once the planned size is reached, or without one, the
 * fixed-horizon decision of {@link ExperimentAnalysis} on the same aggregates.
 */
final class Recommender {
  private Recommender() {}

  /**
   * The decision.
   *
   * @param recommendation what to do
   * @param variation the variation to ship, with SHIP
   * @param reasons why
   */
  record Decision(
      Recommendation recommendation, Optional<String> variation, List<String> reasons) {}

  static Decision decide(
      List<VariationShare> variations,
      Optional<SampleRatioResult> sampleRatio,
      List<ComputedMetric> metrics,
      List<String> planGuardrails,
      Progress progress,
      double alpha) {
    List<String> reasons = new ArrayList<>();
    if (sampleRatio.isPresent() && sampleRatio.get().isMismatch()) {
      reasons.add(
          String.format(
              Locale.ROOT,
              "sample ratio mismatch: chi-square p = %.3g < %.3g against the weights in force;"
                  + " assignment or exposure logging is broken, so no result can be trusted",
              sampleRatio.get().pValue(),
              SampleRatioCheck.DEFAULT_THRESHOLD));
      return new Decision(Recommendation.INVESTIGATE_SAMPLE_RATIO, Optional.empty(), reasons);
    }
    List<MetricResult> results = metrics.stream().map(ComputedMetric::result).toList();
    List<AlwaysValidVerdicts.Breach> breaches = AlwaysValidVerdicts.breaches(results);
    if (!breaches.isEmpty()) {
      breaches.forEach(b -> reasons.add(b.evidence()));
      return new Decision(Recommendation.STOP_GUARDRAIL_BREACHED, Optional.empty(), reasons);
    }
    Optional<ComputedMetric> primary =
        metrics.stream().filter(m -> m.result().role() == MetricRole.PRIMARY).findFirst();
    if (primary.isEmpty()) {
      reasons.add("no primary metric in the analysis plan: nothing to decide on");
      return new Decision(Recommendation.KEEP_RUNNING, Optional.empty(), reasons);
    }
    if (progress.plannedUnits() > 0 && !progress.isReached()) {
      Optional<AlwaysValidVerdicts.Winner> winner =
          AlwaysValidVerdicts.winner(results, planGuardrails);
      if (winner.isPresent()) {
        reasons.add(winner.get().evidence());
        return new Decision(Recommendation.SHIP, Optional.of(winner.get().variationKey()), reasons);
      }
      reasons.add(
          String.format(
              Locale.ROOT,
              "%d of %d planned units: no variation is conclusively better on %s with every"
                  + " guardrail passed on the always-valid figures yet",
              progress.exposedUnits(),
              progress.plannedUnits(),
              primary.get().result().key()));
      return new Decision(Recommendation.KEEP_RUNNING, Optional.empty(), reasons);
    }
    return fixedHorizon(variations, metrics, primary.get(), alpha, reasons);
  }

  private static Decision fixedHorizon(
      List<VariationShare> variations,
      List<ComputedMetric> metrics,
      ComputedMetric primary,
      double alpha,
      List<String> reasons) {
    if (variations.size() < 2 || variations.stream().anyMatch(v -> !(v.expectedShare() > 0))) {
      reasons.add("the fixed-horizon analysis needs exposures to at least two weighted variations");
      return new Decision(Recommendation.KEEP_RUNNING, Optional.empty(), reasons);
    }
    Optional<MetricData> primaryData = metricData(primary);
    List<ExperimentPlan.Guardrail> guardrails = new ArrayList<>();
    boolean isComplete = primaryData.isPresent();
    for (ComputedMetric metric : metrics) {
      if (metric.result().role() == MetricRole.GUARDRAIL) {
        Optional<MetricData> data = metricData(metric);
        isComplete = isComplete && data.isPresent();
        data.ifPresent(
            d ->
                guardrails.add(new ExperimentPlan.Guardrail(d, metric.result().guardrailMargin())));
      }
    }
    if (!isComplete) {
      reasons.add(
          "the fixed-horizon analysis needs at least two units with some variance in every"
              + " variation for the primary metric and every guardrail");
      return new Decision(Recommendation.KEEP_RUNNING, Optional.empty(), reasons);
    }
    ExperimentPlan plan =
        new ExperimentPlan(
            variations.stream().map(VariationShare::key).toList(),
            variations.stream().map(VariationShare::units).toList(),
            variations.stream().map(VariationShare::expectedShare).toList(),
            SampleRatioCheck.DEFAULT_THRESHOLD,
            primaryData.get(),
            guardrails,
            alpha,
            CorrectionMethod.HOLM,
            OptionalDouble.empty());
    ExperimentReport report;
    try {
      report = ExperimentAnalysis.analyze(plan);
    } catch (IllegalArgumentException e) {
      // A comparison without variance (zero standard error, a pooled rate of 0 or 1).
      reasons.add(
          "the fixed-horizon analysis is undefined on these data (no variance or no conversions)");
      return new Decision(Recommendation.KEEP_RUNNING, Optional.empty(), reasons);
    }
    reasons.addAll(report.reasons());
    return new Decision(report.recommendation(), report.recommendedArm(), reasons);
  }

  /**
   * The metric as ExperimentAnalysis takes it: counts for rates, summaries for means, and for
   * ratios the delta-method linearisation (mean R, variance n Var(R)), on which Welch's test is the
   * delta-method z-test up to the t correction.
   */
  private static Optional<MetricData> metricData(ComputedMetric metric) {
    MetricResult result = metric.result();
    if (result.kind() == MetricKind.CONVERSION) {
      List<BinomialCounts> counts = new ArrayList<>();
      for (GroupFigures g : metric.groups()) {
        if (g.counts().isEmpty()) {
          return Optional.empty();
        }
        counts.add(g.counts().get());
      }
      return Optional.of(MetricData.conversion(result.key(), result.isDecreaseBetter(), counts));
    }
    List<SampleSummary> summaries = new ArrayList<>();
    for (GroupFigures g : metric.groups()) {
      if (result.kind() == MetricKind.RATIO) {
        if (g.ratioMoments().isEmpty() || g.value().isEmpty() || g.estimateVariance().isEmpty()) {
          return Optional.empty();
        }
        summaries.add(
            new SampleSummary(
                g.units(),
                g.value().getAsDouble(),
                g.estimateVariance().getAsDouble() * g.units()));
      } else {
        if (g.summary().isEmpty()) {
          return Optional.empty();
        }
        summaries.add(g.summary().get());
      }
    }
    return Optional.of(MetricData.means(result.key(), result.isDecreaseBetter(), summaries));
  }
}
