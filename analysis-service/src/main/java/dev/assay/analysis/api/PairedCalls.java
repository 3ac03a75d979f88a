package dev.assay.analysis.api;

import dev.assay.analysis.cuped.Cuped;
import dev.assay.analysis.cuped.CupedResult;
import dev.assay.analysis.cuped.PairedMoments;
import dev.assay.analysis.inference.ConfidenceLevel;
import dev.assay.analysis.means.RelativeLift;
import dev.assay.analysis.means.TTestMethod;
import dev.assay.analysis.ratio.RatioMetricTest;
import dev.assay.analysis.ratio.RatioResult;
import dev.assay.analysis.v1.CovariateSummary;
import dev.assay.analysis.v1.CupedTestRequest;
import dev.assay.analysis.v1.CupedTestResponse;
import dev.assay.analysis.v1.RatioMetricTestRequest;
import dev.assay.analysis.v1.RatioMetricTestResponse;
import dev.assay.analysis.v1.RatioSummary;
import dev.assay.analysis.v1.TTestOptions;
import dev.assay.runtime.errors.ValidationException;
import dev.assay.runtime.errors.Violations;
import java.util.List;

/** Validates paired-column inputs (CUPED and ratio metrics) and runs those tests. */
final class PairedCalls {
  private PairedCalls() {}

  static CupedTestResponse cupedTest(CupedTestRequest request) {
    Violations violations = new Violations();
    PairedMoments control;
    PairedMoments treatment;
    String input;
    switch (request.getInputCase()) {
      case SAMPLES -> {
        input = "samples";
        control =
            columns(
                violations,
                request.getSamples().getControl().getValuesList(),
                request.getSamples().getControl().getCovariatesList(),
                "samples.control.values",
                "samples.control.covariates");
        treatment =
            columns(
                violations,
                request.getSamples().getTreatment().getValuesList(),
                request.getSamples().getTreatment().getCovariatesList(),
                "samples.treatment.values",
                "samples.treatment.covariates");
      }
      case SUMMARIES -> {
        input = "summaries";
        control =
            covariateSummary(violations, request.getSummaries().getControl(), "summaries.control");
        treatment =
            covariateSummary(
                violations, request.getSummaries().getTreatment(), "summaries.treatment");
      }
      default -> throw ValidationException.of("input", "set either samples or summaries");
    }
    TTestOptions options = request.getOptions();
    double level =
        FieldChecks.openUnitInterval(
            violations,
            options.hasConfidenceLevel(),
            options.getConfidenceLevel(),
            "options.confidence_level",
            0.95);
    violations.throwIfAny();
    if (Cuped.hasConstantCovariate(control, treatment)) {
      throw ValidationException.of(input, "the covariate is constant, so theta is undefined");
    }
    if (control.varianceY() == 0.0 && treatment.varianceY() == 0.0) {
      throw ValidationException.of(
          input, "both groups have zero variance, so the t statistic is undefined");
    }
    TTestMethod method =
        options.getMethod() == dev.assay.analysis.v1.TTestMethod.T_TEST_METHOD_STUDENT
            ? TTestMethod.STUDENT
            : TTestMethod.WELCH;
    CupedResult result;
    try {
      result =
          Cuped.test(
              control,
              treatment,
              method,
              Conversions.alternative(options.getAlternative()),
              new ConfidenceLevel(level));
    } catch (IllegalArgumentException e) {
      throw ValidationException.of(
          input,
          "the adjusted metric has zero variance in both groups (covariate explains it fully)");
    }
    FieldChecks.requireFinite(input, result.theta(), result.varianceReduction());
    return CupedTestResponse.newBuilder()
        .setTheta(result.theta())
        .setVarianceReduction(result.varianceReduction())
        .setAdjusted(Conversions.tTestResult(result.adjusted()))
        .setUnadjusted(Conversions.tTestResult(result.unadjusted()))
        .build();
  }

  static RatioMetricTestResponse ratioMetricTest(RatioMetricTestRequest request) {
    Violations violations = new Violations();
    PairedMoments control;
    PairedMoments treatment;
    String input;
    switch (request.getInputCase()) {
      case SAMPLES -> {
        input = "samples";
        control =
            columns(
                violations,
                request.getSamples().getControl().getNumeratorsList(),
                request.getSamples().getControl().getDenominatorsList(),
                "samples.control.numerators",
                "samples.control.denominators");
        treatment =
            columns(
                violations,
                request.getSamples().getTreatment().getNumeratorsList(),
                request.getSamples().getTreatment().getDenominatorsList(),
                "samples.treatment.numerators",
                "samples.treatment.denominators");
      }
      case SUMMARIES -> {
        input = "summaries";
        control =
            ratioSummary(violations, request.getSummaries().getControl(), "summaries.control");
        treatment =
            ratioSummary(violations, request.getSummaries().getTreatment(), "summaries.treatment");
      }
      default -> throw ValidationException.of("input", "set either samples or summaries");
    }
    double level =
        FieldChecks.openUnitInterval(
            violations,
            request.hasConfidenceLevel(),
            request.getConfidenceLevel(),
            "confidence_level",
            0.95);
    violations.throwIfAny();
    new Violations()
        .check(
            control.meanX() == 0.0,
            input + ".control",
            "the mean denominator is 0, so the ratio is undefined")
        .check(
            treatment.meanX() == 0.0,
            input + ".treatment",
            "the mean denominator is 0, so the ratio is undefined")
        .throwIfAny();
    if (RatioMetricTest.variance(control) + RatioMetricTest.variance(treatment) == 0.0) {
      throw ValidationException.of(
          input, "the ratios have zero variance, so the z statistic is undefined");
    }
    RatioResult result =
        RatioMetricTest.test(
            control,
            treatment,
            Conversions.alternative(request.getAlternative()),
            new ConfidenceLevel(level));
    FieldChecks.requireFinite(
        input, result.statistic(), result.pValue(), result.standardError(), result.difference());
    RatioMetricTestResponse.Builder response =
        RatioMetricTestResponse.newBuilder()
            .setControlRatio(result.controlRatio())
            .setTreatmentRatio(result.treatmentRatio())
            .setControlRatioVariance(result.controlVariance())
            .setTreatmentRatioVariance(result.treatmentVariance())
            .setDifference(result.difference())
            .setStandardError(result.standardError())
            .setStatistic(result.statistic())
            .setPValue(result.pValue())
            .setDifferenceInterval(Conversions.interval(result.differenceInterval()));
    if (result.relativeLift().isPresent()) {
      RelativeLift lift = result.relativeLift().get();
      response
          .setHasRelativeLift(true)
          .setRelativeLift(lift.estimate())
          .setRelativeLiftInterval(Conversions.interval(lift.interval()));
    }
    return response.build();
  }

  /** Moments of two parallel columns (y first), or null after recording what is wrong. */
  private static PairedMoments columns(
      Violations violations, List<Double> y, List<Double> x, String yField, String xField) {
    boolean isLargeEnough = FieldChecks.minimumSize(violations, y.size(), 2, yField);
    boolean isSameLength = x.size() == y.size();
    violations.check(
        !isSameLength,
        xField,
        "must have as many values as " + yField + " (" + y.size() + "), got " + x.size());
    boolean isYFinite = FieldChecks.finiteValues(violations, y, yField);
    boolean isXFinite = FieldChecks.finiteValues(violations, x, xField);
    if (!isLargeEnough || !isSameLength || !isYFinite || !isXFinite) {
      return null;
    }
    PairedMoments moments = PairedMoments.of(FieldChecks.toArray(y), FieldChecks.toArray(x));
    boolean isFinite =
        Double.isFinite(moments.meanY())
            && Double.isFinite(moments.meanX())
            && Double.isFinite(moments.varianceY())
            && Double.isFinite(moments.varianceX())
            && Double.isFinite(moments.covariance());
    violations.check(
        !isFinite,
        yField,
        "values too large: their moments overflow double precision; rescale the data");
    return isFinite ? moments : null;
  }

  private static PairedMoments covariateSummary(
      Violations violations, CovariateSummary s, String field) {
    return moments(
        violations,
        field,
        s.getCount(),
        s.getMean(),
        s.getCovariateMean(),
        s.getVariance(),
        s.getCovariateVariance(),
        s.getCovariance(),
        "mean",
        "covariate_mean",
        "variance",
        "covariate_variance");
  }

  private static PairedMoments ratioSummary(Violations violations, RatioSummary s, String field) {
    return moments(
        violations,
        field,
        s.getCount(),
        s.getNumeratorMean(),
        s.getDenominatorMean(),
        s.getNumeratorVariance(),
        s.getDenominatorVariance(),
        s.getCovariance(),
        "numerator_mean",
        "denominator_mean",
        "numerator_variance",
        "denominator_variance");
  }

  private static PairedMoments moments(
      Violations violations,
      String field,
      long count,
      double meanY,
      double meanX,
      double varianceY,
      double varianceX,
      double covariance,
      String meanYName,
      String meanXName,
      String varianceYName,
      String varianceXName) {
    boolean isCountBad = count < 2;
    boolean isMeanYBad = !Double.isFinite(meanY);
    boolean isMeanXBad = !Double.isFinite(meanX);
    boolean isVarianceYBad = !(varianceY >= 0 && Double.isFinite(varianceY));
    boolean isVarianceXBad = !(varianceX >= 0 && Double.isFinite(varianceX));
    boolean isCovarianceBad =
        !(Double.isFinite(covariance)
            && covariance * covariance <= varianceX * varianceY * (1 + 1e-12));
    violations
        .check(isCountBad, field + ".count", "must be at least 2, got " + count)
        .check(isMeanYBad, field + "." + meanYName, "must be finite, got " + meanY)
        .check(isMeanXBad, field + "." + meanXName, "must be finite, got " + meanX)
        .check(
            isVarianceYBad,
            field + "." + varianceYName,
            "must be finite and >= 0, got " + varianceY)
        .check(
            isVarianceXBad,
            field + "." + varianceXName,
            "must be finite and >= 0, got " + varianceX)
        .check(
            isCovarianceBad,
            field + ".covariance",
            "must be finite with covariance^2 <= product of the variances, got " + covariance);
    boolean isBad =
        isCountBad
            || isMeanYBad
            || isMeanXBad
            || isVarianceYBad
            || isVarianceXBad
            || isCovarianceBad;
    return isBad ? null : new PairedMoments(count, meanY, meanX, varianceY, varianceX, covariance);
  }
}
