package dev.assay.analysis.api;

import dev.assay.analysis.experiment.Comparison;
import dev.assay.analysis.experiment.ExperimentAnalysis;
import dev.assay.analysis.experiment.ExperimentPlan;
import dev.assay.analysis.experiment.ExperimentReport;
import dev.assay.analysis.experiment.GuardrailCheck;
import dev.assay.analysis.experiment.MetricData;
import dev.assay.analysis.means.SampleSummary;
import dev.assay.analysis.multiplicity.CorrectionMethod;
import dev.assay.analysis.proportions.BinomialCounts;
import dev.assay.analysis.proportions.TwoProportionZTest;
import dev.assay.analysis.srm.SampleRatioCheck;
import dev.assay.analysis.v1.AnalyzeExperimentRequest;
import dev.assay.analysis.v1.AnalyzeExperimentResponse;
import dev.assay.analysis.v1.ArmMetric;
import dev.assay.analysis.v1.ExperimentAnalysisServiceGrpc;
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
import io.grpc.stub.StreamObserver;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/** gRPC adapter of {@code assay.analysis.v1.ExperimentAnalysisService}. */
public final class ExperimentGrpcService
    extends ExperimentAnalysisServiceGrpc.ExperimentAnalysisServiceImplBase {
  @Override
  public void analyzeExperiment(
      AnalyzeExperimentRequest request, StreamObserver<AnalyzeExperimentResponse> responses) {
    ExperimentPlan plan = plan(request);
    ExperimentReport report;
    try {
      report = ExperimentAnalysis.analyze(plan);
    } catch (IllegalArgumentException e) {
      // Summaries so extreme that a test statistic leaves double range.
      throw ValidationException.of(
          "primary_metric", "statistics outside double precision range: " + e.getMessage());
    }
    responses.onNext(toProto(report));
    responses.onCompleted();
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
    long[] units = new long[request.getAssignedUnitsCount()];
    long totalUnits = 0;
    for (int i = 0; i < units.length; i++) {
      units[i] = request.getAssignedUnits(i);
      violations.check(units[i] < 0, "assigned_units[" + i + "]", "must be >= 0, got " + units[i]);
      totalUnits += Math.max(0, units[i]);
    }
    violations.check(units.length > 0 && totalUnits == 0, "assigned_units", "must not all be 0");
    double[] weights = new double[request.getExpectedWeightsCount()];
    for (int i = 0; i < weights.length; i++) {
      weights[i] = request.getExpectedWeights(i);
      violations.check(
          !(weights[i] > 0 && Double.isFinite(weights[i])),
          "expected_weights[" + i + "]",
          "must be positive and finite, got " + weights[i]);
    }
    double threshold =
        FieldChecks.openUnitInterval(
            violations,
            request.hasSrmThreshold(),
            request.getSrmThreshold(),
            "srm_threshold",
            SampleRatioCheck.DEFAULT_THRESHOLD);
    double alpha = request.hasAlpha() ? request.getAlpha() : 0.05;
    violations.check(
        !(alpha > 0 && alpha < 0.5),
        "alpha",
        "must be in (0, 0.5) (guardrails use 1 - 2 alpha intervals), got " + alpha);
    MetricData primary = metric(violations, request.getPrimaryMetric(), arms, "primary_metric");
    List<ExperimentPlan.Guardrail> guardrails = new ArrayList<>();
    for (int g = 0; g < request.getGuardrailsCount(); g++) {
      Guardrail guardrail = request.getGuardrails(g);
      String field = "guardrails[" + g + "]";
      double margin = guardrail.getRelativeMargin();
      violations.check(
          !(margin >= 0 && Double.isFinite(margin)),
          field + ".relative_margin",
          "must be finite and >= 0, got " + margin);
      MetricData metric = metric(violations, guardrail.getMetric(), arms, field + ".metric");
      guardrails.add(new ExperimentPlan.Guardrail(metric, margin));
    }
    OptionalDouble practical = OptionalDouble.empty();
    if (request.hasPracticalSignificance()) {
      double value = request.getPracticalSignificance();
      violations.check(
          !(value > 0 && Double.isFinite(value)),
          "practical_significance",
          "must be positive and finite, got " + value);
      practical = OptionalDouble.of(value);
    }
    violations.throwIfAny();
    CorrectionMethod correction =
        switch (request.getCorrection()) {
          case CORRECTION_METHOD_BONFERRONI -> CorrectionMethod.BONFERRONI;
          case CORRECTION_METHOD_BENJAMINI_HOCHBERG -> CorrectionMethod.BENJAMINI_HOCHBERG;
          default -> CorrectionMethod.HOLM;
        };
    return new ExperimentPlan(
        request.getArmNamesList(),
        units,
        weights,
        threshold,
        primary,
        guardrails,
        alpha,
        correction,
        practical);
  }

  /** Validates one metric's arms (same kind, one per arm, comparable with control). */
  private static MetricData metric(Violations violations, Metric metric, int arms, String field) {
    violations.check(
        metric.getArmsCount() != arms,
        field + ".arms",
        "needs one entry per arm (" + arms + "), got " + metric.getArmsCount());
    if (metric.getArmsCount() != arms || arms < 2) {
      return null;
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
        BinomialCounts c =
            ProportionCalls.counts(violations, arm.getCounts(), armField + ".counts");
        isValid &= c != null;
        counts.add(c);
      } else {
        dev.assay.analysis.v1.SampleSummary s = arm.getSummary();
        boolean isBad =
            s.getCount() < 2
                || !Double.isFinite(s.getMean())
                || !(s.getVariance() >= 0 && Double.isFinite(s.getVariance()));
        violations.check(
            isBad,
            armField + ".summary",
            "needs count >= 2, a finite mean and a finite variance >= 0");
        isValid &= !isBad;
        summaries.add(isBad ? null : new SampleSummary(s.getCount(), s.getMean(), s.getVariance()));
      }
    }
    if (!isValid) {
      return null;
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
    return kind == ArmMetric.ValueCase.COUNTS
        ? new MetricData(name, isDecreaseBetter, counts, null)
        : new MetricData(name, isDecreaseBetter, null, summaries);
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
