package dev.assay.analysis.api;

import dev.assay.analysis.experiment.Comparison;
import dev.assay.analysis.experiment.ExperimentAnalysis;
import dev.assay.analysis.experiment.ExperimentPlan;
import dev.assay.analysis.experiment.ExperimentReport;
import dev.assay.analysis.experiment.GuardrailCheck;
import dev.assay.analysis.experiment.MetricData;
import dev.assay.analysis.means.SampleSummary;
import dev.assay.analysis.proportions.BinomialCounts;
import dev.assay.analysis.proportions.TwoProportionZTest;
import dev.assay.analysis.srm.SampleRatioCheck;
import dev.assay.analysis.v1.AnalyzeExperimentRequest;
import dev.assay.analysis.v1.AnalyzeExperimentResponse;
import dev.assay.analysis.v1.ArmMetric;
import dev.assay.analysis.v1.Guardrail;
import dev.assay.analysis.v1.GuardrailStatus;
import dev.assay.analysis.v1.Metric;
import dev.assay.analysis.v1.MetricComparison;
import dev.assay.analysis.v1.MetricDirection;
import dev.assay.analysis.v1.Recommendation;
import dev.assay.analysis.v1.SampleRatio;
import dev.assay.analysis.v1.VariantAnalysis;
import dev.assay.runtime.errors.ValidationException;
import dev.assay.runtime.errors.Violations;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/** Validates a whole-experiment request into a plan, analyzes it and reports the result. */
final class ExperimentCalls {
  /** Largest guardrail margin, relative to control: a million-fold change. */
  private static final double MAX_RELATIVE_MARGIN = 1e6;

  private ExperimentCalls() {}

  static AnalyzeExperimentResponse analyzeExperiment(AnalyzeExperimentRequest request) {
    ExperimentPlan plan = plan(request);
    ExperimentReport report;
    try {
      report = ExperimentAnalysis.analyze(plan);
    } catch (IllegalArgumentException e) {
      // Summaries so extreme that a test statistic leaves double range.
      throw ValidationException.of(
          "primary_metric", "statistics outside double precision range: " + e.getMessage());
    }
    return toProto(report);
  }

  private static ExperimentPlan plan(AnalyzeExperimentRequest request) {
    Violations violations = new Violations();
    int arms = request.getArmNamesCount();
    violations.check(arms < 2, "arm_names", "needs at least 2 arms (control first), got " + arms);
    for (int i = 0; i < arms; i++) {
      violations.check(
          request.getArmNames(i).isBlank(), "arm_names[" + i + "]", "must not be blank");
    }
    violations.check(
        request.getAssignedUnitsCount() != arms,
        "assigned_units",
        "needs one count per arm (" + arms + "), got " + request.getAssignedUnitsCount());
    violations.check(
        request.getExpectedWeightsCount() != arms,
        "expected_weights",
        "needs one weight per arm (" + arms + "), got " + request.getExpectedWeightsCount());
    long[] units =
        FieldChecks.nonNegativeCounts(violations, request.getAssignedUnitsList(), "assigned_units");
    violations.check(
        units.length > 0 && FieldChecks.isAllZero(units), "assigned_units", "must not all be 0");
    double[] weights =
        FieldChecks.positiveWeights(
            violations, request.getExpectedWeightsList(), "expected_weights");
    double threshold =
        FieldChecks.openUnitInterval(
            violations,
            request.hasSrmThreshold(),
            request.getSrmThreshold(),
            "srm_threshold",
            SampleRatioCheck.DEFAULT_THRESHOLD);
    double alpha = request.hasAlpha() ? request.getAlpha() : 0.05;
    violations.check(
        !(alpha >= FieldChecks.PROBABILITY_MARGIN && alpha < 0.5),
        "alpha",
        "must be in [1e-12, 0.5) (guardrails use 1 - 2 alpha intervals), got " + alpha);
    Optional<MetricData> primary =
        metric(violations, request.getPrimaryMetric(), arms, "primary_metric");
    List<Optional<ExperimentPlan.Guardrail>> guardrails = new ArrayList<>();
    for (int g = 0; g < request.getGuardrailsCount(); g++) {
      Guardrail guardrail = request.getGuardrails(g);
      String field = "guardrails[" + g + "]";
      double margin = guardrail.getRelativeMargin();
      violations.check(
          !(margin >= 0 && margin <= MAX_RELATIVE_MARGIN),
          field + ".relative_margin",
          "must be in [0, 1e6], got " + margin);
      guardrails.add(
          metric(violations, guardrail.getMetric(), arms, field + ".metric")
              .map(metric -> new ExperimentPlan.Guardrail(metric, margin)));
    }
    OptionalDouble practical = OptionalDouble.empty();
    if (request.hasPracticalSignificance()) {
      double value = request.getPracticalSignificance();
      violations.check(
          !(value > 0 && value <= FieldChecks.MAX_MAGNITUDE),
          "practical_significance",
          "must be in (0, 1e100], got " + value);
      practical = OptionalDouble.of(value);
    }
    violations.throwIfAny();
    return new ExperimentPlan(
        request.getArmNamesList(),
        Arrays.stream(units).boxed().toList(),
        Arrays.stream(weights).boxed().toList(),
        threshold,
        primary.orElseThrow(),
        guardrails.stream().map(Optional::orElseThrow).toList(),
        alpha,
        Conversions.correctionMethod(request.getCorrection()),
        practical);
  }

  /** One metric's arms (same kind, one per arm, comparable with control), or empty. */
  private static Optional<MetricData> metric(
      Violations violations, Metric metric, int arms, String field) {
    violations.check(
        metric.getArmsCount() != arms,
        field + ".arms",
        "needs one entry per arm (" + arms + "), got " + metric.getArmsCount());
    if (metric.getArmsCount() != arms || arms < 2) {
      return Optional.empty();
    }
    ArmMetric.ValueCase kind = metric.getArms(0).getValueCase();
    List<BinomialCounts> counts = new ArrayList<>();
    List<SampleSummary> summaries = new ArrayList<>();
    boolean isValid = true;
    for (int i = 0; i < arms; i++) {
      ArmMetric arm = metric.getArms(i);
      String armField = field + ".arms[" + i + "]";
      if (arm.getValueCase() == ArmMetric.ValueCase.VALUE_NOT_SET || arm.getValueCase() != kind) {
        violations.add(armField, "set counts or summary, the same kind as arms[0]");
        isValid = false;
      } else if (kind == ArmMetric.ValueCase.COUNTS) {
        Optional<BinomialCounts> c =
            FieldChecks.counts(violations, arm.getCounts(), armField + ".counts");
        c.ifPresent(counts::add);
        isValid &= c.isPresent();
      } else {
        Optional<SampleSummary> s =
            FieldChecks.summary(violations, arm.getSummary(), armField + ".summary");
        s.ifPresent(summaries::add);
        isValid &= s.isPresent();
      }
    }
    if (!isValid) {
      return Optional.empty();
    }
    for (int i = 1; i < arms; i++) {
      boolean isDegenerate =
          kind == ArmMetric.ValueCase.COUNTS
              ? TwoProportionZTest.isDegenerate(counts.get(0), counts.get(i))
              : summaries.get(0).variance() == 0 && summaries.get(i).variance() == 0;
      violations.check(
          isDegenerate,
          field + ".arms[" + i + "]",
          "has no variation together with control, so the test is undefined");
    }
    String name = metric.getName().isBlank() ? field : metric.getName();
    boolean isDecreaseBetter =
        metric.getDirection() == MetricDirection.METRIC_DIRECTION_DECREASE_IS_BETTER;
    return Optional.of(
        kind == ArmMetric.ValueCase.COUNTS
            ? MetricData.conversion(name, isDecreaseBetter, counts)
            : MetricData.means(name, isDecreaseBetter, summaries));
  }

  private static AnalyzeExperimentResponse toProto(ExperimentReport report) {
    AnalyzeExperimentResponse.Builder response =
        AnalyzeExperimentResponse.newBuilder()
            .setSampleRatio(
                SampleRatio.newBuilder()
                    .setStatistic(report.sampleRatio().statistic())
                    .setPValue(report.sampleRatio().pValue())
                    .setMismatch(report.sampleRatio().isMismatch()))
            .setRecommendation(
                Recommendation.valueOf("RECOMMENDATION_" + report.recommendation().name()))
            .setRecommendedArm(report.recommendedArm().orElse(""))
            .addAllReasons(report.reasons());
    for (ExperimentReport.VariantResult v : report.variants()) {
      VariantAnalysis.Builder variant =
          VariantAnalysis.newBuilder().setArmName(v.armName()).setPrimary(comparison(v.primary()));
      for (GuardrailCheck g : v.guardrails()) {
        variant.addGuardrails(
            dev.assay.analysis.v1.GuardrailCheck.newBuilder()
                .setComparison(comparison(g.comparison()))
                .setMargin(g.margin())
                .setStatus(GuardrailStatus.valueOf("GUARDRAIL_STATUS_" + g.status().name())));
      }
      response.addVariants(variant);
    }
    return response.build();
  }

  private static MetricComparison comparison(Comparison c) {
    FieldChecks.requireFinite(
        "primary_metric", c.difference(), c.pValue(), c.interval().lower(), c.interval().upper());
    return MetricComparison.newBuilder()
        .setMetricName(c.metricName())
        .setControlValue(c.controlValue())
        .setVariantValue(c.variantValue())
        .setDifference(c.difference())
        .setDifferenceInterval(Conversions.interval(c.interval()))
        .setPValue(c.pValue())
        .setAdjustedPValue(c.adjustedPValue())
        .setSignificant(c.isSignificant())
        .build();
  }
}
