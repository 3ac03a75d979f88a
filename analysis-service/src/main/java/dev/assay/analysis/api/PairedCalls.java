package dev.assay.analysis.api;

import dev.assay.analysis.cuped.Cuped;
import dev.assay.analysis.cuped.CupedResult;
import dev.assay.analysis.cuped.PairedMoments;
import dev.assay.analysis.inference.ConfidenceLevel;
import dev.assay.analysis.ratio.RatioMetricTest;
import dev.assay.analysis.ratio.RatioResult;
import dev.assay.analysis.v1.CovariateSample;
import dev.assay.analysis.v1.CovariateSummary;
import dev.assay.analysis.v1.CupedSamples;
import dev.assay.analysis.v1.CupedSummaries;
import dev.assay.analysis.v1.CupedTestRequest;
import dev.assay.analysis.v1.CupedTestResponse;
import dev.assay.analysis.v1.RatioMetricTestRequest;
import dev.assay.analysis.v1.RatioMetricTestResponse;
import dev.assay.analysis.v1.RatioSample;
import dev.assay.analysis.v1.RatioSamples;
import dev.assay.analysis.v1.RatioSummaries;
import dev.assay.analysis.v1.RatioSummary;
import dev.assay.analysis.v1.TTestOptions;
import dev.assay.runtime.errors.ValidationException;
import dev.assay.runtime.errors.Violations;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Validates paired-column inputs (CUPED: metric and covariate; ratio metrics: numerator and
 * denominator) and runs those tests. Either input form becomes {@link PairedMoments} per group.
 */
final class PairedCalls {
  /** CUPED: the metric in {@code values}, its pre-experiment covariate in {@code covariates}. */
  private static final PairedForm<CovariateSample, CovariateSummary> CUPED =
      new PairedForm<>(
          "values",
          CovariateSample::getValuesList,
          "covariates",
          CovariateSample::getCovariatesList,
          new SummaryFields("mean", "covariate_mean", "variance", "covariate_variance"),
          PairedCalls::sent);

  /** Ratio metrics: the numerator (y) and the denominator (x) of every unit's ratio. */
  private static final PairedForm<RatioSample, RatioSummary> RATIO =
      new PairedForm<>(
          "numerators",
          RatioSample::getNumeratorsList,
          "denominators",
          RatioSample::getDenominatorsList,
          new SummaryFields(
              "numerator_mean", "denominator_mean", "numerator_variance", "denominator_variance"),
          PairedCalls::sent);

  /** Smallest magnitude of a ratio metric's mean denominator. */
  private static final double MIN_DENOMINATOR = 1e-100;

  private PairedCalls() {}

  static CupedTestResponse cupedTest(CupedTestRequest request) {
    Violations violations = new Violations();
    TTestOptions options = request.getOptions();
    CupedSamples samples = request.getSamples();
    CupedSummaries summaries = request.getSummaries();
    TwoGroups<PairedMoments> groups =
        switch (request.getInputCase()) {
          case SAMPLES -> CUPED.samples(violations, samples.getControl(), samples.getTreatment());
          case SUMMARIES ->
              CUPED.summaries(violations, summaries.getControl(), summaries.getTreatment());
          default -> throw ValidationException.of("input", "set either samples or summaries");
        };
    double level = TTestCalls.confidenceLevel(violations, options);
    violations.throwIfAny();
    String input = groups.input();
    PairedMoments control = groups.control().orElseThrow();
    PairedMoments treatment = groups.treatment().orElseThrow();
    if (Cuped.hasConstantCovariate(control, treatment)) {
      throw ValidationException.of(input, "the covariate is constant, so theta is undefined");
    }
    if (control.varianceY() == 0.0 && treatment.varianceY() == 0.0) {
      throw ValidationException.of(
          input, "both groups have zero variance, so the t statistic is undefined");
    }
    CupedResult result;
    try {
      result =
          Cuped.test(
              control,
              treatment,
              Conversions.tTestMethod(options.getMethod()),
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

  /** A CUPED summary's moments as sent (checked by {@link #summary}). */
  private static PairedMoments sent(CovariateSummary s) {
    return new PairedMoments(
        s.getCount(),
        s.getMean(),
        s.getCovariateMean(),
        s.getVariance(),
        s.getCovariateVariance(),
        s.getCovariance());
  }

  static RatioMetricTestResponse ratioMetricTest(RatioMetricTestRequest request) {
    Violations violations = new Violations();
    RatioSamples samples = request.getSamples();
    RatioSummaries summaries = request.getSummaries();
    TwoGroups<PairedMoments> groups =
        switch (request.getInputCase()) {
          case SAMPLES -> RATIO.samples(violations, samples.getControl(), samples.getTreatment());
          case SUMMARIES ->
              RATIO.summaries(violations, summaries.getControl(), summaries.getTreatment());
          default -> throw ValidationException.of("input", "set either samples or summaries");
        };
    double level =
        FieldChecks.confidenceLevel(
            violations, request.hasConfidenceLevel(), request.getConfidenceLevel());
    violations.throwIfAny();
    String input = groups.input();
    PairedMoments control = groups.control().orElseThrow();
    PairedMoments treatment = groups.treatment().orElseThrow();
    String undefined =
        "the mean denominator must have magnitude at least 1e-100 (0 leaves the ratio undefined)";
    new Violations()
        .check(!(Math.abs(control.meanX()) >= MIN_DENOMINATOR), input + ".control", undefined)
        .check(!(Math.abs(treatment.meanX()) >= MIN_DENOMINATOR), input + ".treatment", undefined)
        .throwIfAny();
    if (RatioMetricTest.variance(control) + RatioMetricTest.variance(treatment) == 0.0) {
      throw ValidationException.of(
          input, "the ratios have zero variance, so the z statistic is undefined");
    }
    RatioResult result;
    try {
      result =
          RatioMetricTest.test(
              control,
              treatment,
              Conversions.alternative(request.getAlternative()),
              new ConfidenceLevel(level));
    } catch (IllegalArgumentException e) {
      // The delta-method variance underflowed to 0 or overflowed for extreme means.
      throw ValidationException.of(
          input, "the ratios' variance leaves double precision; rescale the data");
    }
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
    Conversions.relativeLift(
        result.relativeLift(),
        input,
        (estimate, interval) ->
            response
                .setHasRelativeLift(true)
                .setRelativeLift(estimate)
                .setRelativeLiftInterval(interval));
    return response.build();
  }

  /** A ratio summary's moments as sent (checked by {@link #summary}). */
  private static PairedMoments sent(RatioSummary s) {
    return new PairedMoments(
        s.getCount(),
        s.getNumeratorMean(),
        s.getDenominatorMean(),
        s.getNumeratorVariance(),
        s.getDenominatorVariance(),
        s.getCovariance());
  }

  /** Moments of two parallel columns (y first), or empty after recording what is wrong. */
  private static Optional<PairedMoments> columns(
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
      return Optional.empty();
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
    return isFinite ? Optional.of(moments) : Optional.empty();
  }

  /** The summary's moments as sent, or empty after recording each field out of range. */
  private static Optional<PairedMoments> summary(
      Violations violations, String field, SummaryFields names, PairedMoments sent) {
    boolean isCountBad = !FieldChecks.count(violations, sent.count(), 2, field + ".count");
    boolean isMeanYBad =
        !FieldChecks.measurement(violations, sent.meanY(), field + "." + names.meanY());
    boolean isMeanXBad =
        !FieldChecks.measurement(violations, sent.meanX(), field + "." + names.meanX());
    boolean isVarianceYBad =
        !FieldChecks.variance(violations, sent.varianceY(), field + "." + names.varianceY(), false);
    boolean isVarianceXBad =
        !FieldChecks.variance(violations, sent.varianceX(), field + "." + names.varianceX(), false);
    double covariance = sent.covariance();
    boolean isCovarianceBad =
        !(Math.abs(covariance) <= FieldChecks.MAX_VARIANCE
            && covariance * covariance <= sent.varianceX() * sent.varianceY() * (1 + 1e-12));
    violations.check(
        isCovarianceBad,
        field + ".covariance",
        "must be in [-1e200, 1e200] with covariance^2 <= product of the variances, got "
            + covariance);
    boolean isBad =
        isCountBad
            || isMeanYBad
            || isMeanXBad
            || isVarianceYBad
            || isVarianceXBad
            || isCovarianceBad;
    return isBad ? Optional.empty() : Optional.of(sent);
  }

  /** How a summary message names its y and x fields. */
  private record SummaryFields(String meanY, String meanX, String varianceY, String varianceX) {}

  /**
   * How one paired-column RPC's messages carry y (the metric, or the numerator) and x (the
   * covariate, or the denominator): two parallel columns per sample, or one summary per group.
   */
  private record PairedForm<S, M>(
      String yName,
      Function<S, List<Double>> y,
      String xName,
      Function<S, List<Double>> x,
      SummaryFields summaryFields,
      Function<M, PairedMoments> sent) {
    TwoGroups<PairedMoments> samples(Violations violations, S control, S treatment) {
      return TwoGroups.read(
          "samples",
          control,
          treatment,
          (sample, field) ->
              columns(
                  violations,
                  y.apply(sample),
                  x.apply(sample),
                  field + "." + yName,
                  field + "." + xName));
    }

    TwoGroups<PairedMoments> summaries(Violations violations, M control, M treatment) {
      return TwoGroups.read(
          "summaries",
          control,
          treatment,
          (summary, field) -> summary(violations, field, summaryFields, sent.apply(summary)));
    }
  }
}
