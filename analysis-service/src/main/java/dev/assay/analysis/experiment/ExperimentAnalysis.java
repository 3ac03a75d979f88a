package dev.assay.analysis.experiment;

import dev.assay.analysis.experiment.ExperimentReport.VariantResult;
import dev.assay.analysis.inference.ConfidenceLevel;
import dev.assay.analysis.multiplicity.AdjustedPValues;
import dev.assay.analysis.multiplicity.PValueAdjustment;
import dev.assay.analysis.srm.SampleRatioCheck;
import dev.assay.analysis.srm.SampleRatioResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Analyzes a whole experiment: the sample-ratio check, every variant's primary metric against
 * control (corrected across variants), guardrail non-inferiority checks, and a recommendation.
 *
 * <p>Rules, in order: a sample-ratio mismatch overrides everything (the data is suspect); any
 * breached guardrail stops the experiment; a variant significantly better on the primary metric
 * whose guardrails all pass is shipped (the largest improvement among such variants); a significant
 * winner with an inconclusive guardrail keeps running; when every significant effect is a loss, or
 * every variant's interval excludes the practically significant improvement, stop for lack of
 * effect; otherwise keep running.
 */
public final class ExperimentAnalysis {
  private ExperimentAnalysis() {}

  /** Analyzes the plan (validated by the caller: consistent arm counts, kinds and values). */
  public static ExperimentReport analyze(ExperimentPlan plan) {
    SampleRatioResult srm =
        SampleRatioCheck.check(
            plan.assignedUnits().stream().mapToLong(Long::longValue).toArray(),
            plan.weights().stream().mapToDouble(Double::doubleValue).toArray(),
            plan.srmThreshold());
    int arms = plan.armNames().size();
    ConfidenceLevel primaryLevel = new ConfidenceLevel(1.0 - plan.alpha());
    ConfidenceLevel guardrailLevel = new ConfidenceLevel(1.0 - 2.0 * plan.alpha());
    List<Comparison> primaries = new ArrayList<>();
    for (int arm = 1; arm < arms; arm++) {
      primaries.add(MetricComparator.compare(plan.primary(), arm, primaryLevel));
    }
    double[] raw = primaries.stream().mapToDouble(Comparison::pValue).toArray();
    AdjustedPValues adjusted = PValueAdjustment.adjust(raw, plan.correction(), plan.alpha());
    List<VariantResult> variants = new ArrayList<>();
    for (int arm = 1; arm < arms; arm++) {
      Comparison c = primaries.get(arm - 1);
      Comparison primary =
          new Comparison(
              c.metricName(),
              c.controlValue(),
              c.variantValue(),
              c.difference(),
              c.interval(),
              c.pValue(),
              adjusted.adjusted().get(arm - 1),
              adjusted.rejected().get(arm - 1));
      List<GuardrailCheck> checks = new ArrayList<>();
      for (ExperimentPlan.Guardrail guardrail : plan.guardrails()) {
        checks.add(check(guardrail, arm, guardrailLevel, plan.alpha()));
      }
      variants.add(new VariantResult(plan.armNames().get(arm), primary, checks));
    }
    return recommend(plan, srm, variants);
  }

  private static GuardrailCheck check(
      ExperimentPlan.Guardrail guardrail, int arm, ConfidenceLevel level, double alpha) {
    MetricData metric = guardrail.metric();
    Comparison c = MetricComparator.compare(metric, arm, level);
    Comparison comparison =
        new Comparison(
            c.metricName(),
            c.controlValue(),
            c.variantValue(),
            c.difference(),
            c.interval(),
            c.pValue(),
            c.pValue(),
            c.pValue() < alpha);
    double margin = guardrail.relativeMargin() * Math.abs(c.controlValue());
    double worst =
        Math.min(
            MetricComparator.improvement(metric, c.interval().lower()),
            MetricComparator.improvement(metric, c.interval().upper()));
    double best =
        Math.max(
            MetricComparator.improvement(metric, c.interval().lower()),
            MetricComparator.improvement(metric, c.interval().upper()));
    GuardrailStatus status =
        worst > -margin
            ? GuardrailStatus.PASSED
            : best < -margin ? GuardrailStatus.BREACHED : GuardrailStatus.INCONCLUSIVE;
    return new GuardrailCheck(comparison, margin, status);
  }

  private static ExperimentReport recommend(
      ExperimentPlan plan, SampleRatioResult srm, List<VariantResult> variants) {
    List<String> reasons = new ArrayList<>();
    if (srm.isMismatch()) {
      reasons.add(
          String.format(
              "sample ratio mismatch: p = %.3g < %.3g; assignment or logging is broken, so no result can be trusted",
              srm.pValue(), plan.srmThreshold()));
      return new ExperimentReport(
          srm, variants, Recommendation.INVESTIGATE_SAMPLE_RATIO, Optional.empty(), reasons);
    }
    for (VariantResult v : variants) {
      for (GuardrailCheck g : v.guardrails()) {
        if (g.status() == GuardrailStatus.BREACHED) {
          reasons.add(
              String.format(
                  "%s breaches guardrail %s: worse than control by more than the margin %.4g",
                  v.armName(), g.comparison().metricName(), g.margin()));
        }
      }
    }
    if (!reasons.isEmpty()) {
      return new ExperimentReport(
          srm, variants, Recommendation.STOP_GUARDRAIL_BREACHED, Optional.empty(), reasons);
    }
    MetricData primary = plan.primary();
    VariantResult best = null;
    boolean isWinnerBlocked = false;
    boolean hasSignificantLoss = false;
    for (VariantResult v : variants) {
      double improvement = MetricComparator.improvement(primary, v.primary().difference());
      if (!v.primary().isSignificant()) {
        continue;
      }
      if (improvement < 0) {
        hasSignificantLoss = true;
        reasons.add(
            String.format(
                "%s is significantly worse on %s (adjusted p = %.3g)",
                v.armName(), primary.name(), v.primary().adjustedPValue()));
        continue;
      }
      boolean isGuarded =
          v.guardrails().stream().allMatch(g -> g.status() == GuardrailStatus.PASSED);
      if (!isGuarded) {
        isWinnerBlocked = true;
        reasons.add(
            String.format(
                "%s wins on %s but not every guardrail is shown non-inferior yet",
                v.armName(), primary.name()));
        continue;
      }
      if (best == null
          || improvement > MetricComparator.improvement(primary, best.primary().difference())) {
        best = v;
      }
    }
    if (best != null) {
      reasons.add(
          String.format(
              "%s improves %s by %.4g (adjusted p = %.3g) and passes every guardrail",
              best.armName(),
              primary.name(),
              MetricComparator.improvement(primary, best.primary().difference()),
              best.primary().adjustedPValue()));
      return new ExperimentReport(
          srm, variants, Recommendation.SHIP, Optional.of(best.armName()), reasons);
    }
    if (isWinnerBlocked) {
      return new ExperimentReport(
          srm, variants, Recommendation.KEEP_RUNNING, Optional.empty(), reasons);
    }
    if (plan.practicalSignificance().isPresent()) {
      double worthwhile = plan.practicalSignificance().getAsDouble();
      boolean isHopeless =
          variants.stream()
              .allMatch(
                  v ->
                      Math.max(
                              MetricComparator.improvement(primary, v.primary().interval().lower()),
                              MetricComparator.improvement(primary, v.primary().interval().upper()))
                          < worthwhile);
      if (isHopeless) {
        reasons.add(
            String.format(
                "no variant can improve %s by the worthwhile %.4g: every interval lies below it",
                primary.name(), worthwhile));
        return new ExperimentReport(
            srm, variants, Recommendation.STOP_NO_EFFECT, Optional.empty(), reasons);
      }
    }
    boolean isEveryVariantLosing =
        hasSignificantLoss && variants.stream().allMatch(v -> v.primary().isSignificant());
    if (isEveryVariantLosing) {
      return new ExperimentReport(
          srm, variants, Recommendation.STOP_NO_EFFECT, Optional.empty(), reasons);
    }
    reasons.add("no variant is significantly better on " + primary.name() + " yet");
    return new ExperimentReport(
        srm, variants, Recommendation.KEEP_RUNNING, Optional.empty(), reasons);
  }
}
