package dev.assay.analysis.api;

import dev.assay.analysis.inference.Alternative;
import dev.assay.analysis.inference.Interval;
import dev.assay.analysis.means.RelativeLift;
import dev.assay.analysis.means.SampleSummary;
import dev.assay.analysis.means.TTestMethod;
import dev.assay.analysis.means.TTestResult;
import dev.assay.analysis.multiplicity.CorrectionMethod;
import dev.assay.analysis.ranks.MannWhitneyMethod;
import dev.assay.analysis.ranks.MannWhitneyResult;
import java.util.Optional;

/** Translations between generated proto messages and domain types. */
final class Conversions {
  private Conversions() {}

  /** Sets a response's {@code has_relative_lift}, {@code relative_lift} and its interval. */
  @FunctionalInterface
  interface LiftFields {
    void set(double estimate, dev.assay.analysis.v1.Interval interval);
  }

  static Alternative alternative(dev.assay.analysis.v1.Alternative proto) {
    return switch (proto) {
      case ALTERNATIVE_GREATER -> Alternative.GREATER;
      case ALTERNATIVE_LESS -> Alternative.LESS;
      default -> Alternative.TWO_SIDED;
    };
  }

  static TTestMethod tTestMethod(dev.assay.analysis.v1.TTestMethod proto) {
    return proto == dev.assay.analysis.v1.TTestMethod.T_TEST_METHOD_STUDENT
        ? TTestMethod.STUDENT
        : TTestMethod.WELCH;
  }

  static CorrectionMethod correctionMethod(dev.assay.analysis.v1.CorrectionMethod proto) {
    return switch (proto) {
      case CORRECTION_METHOD_BONFERRONI -> CorrectionMethod.BONFERRONI;
      case CORRECTION_METHOD_BENJAMINI_HOCHBERG -> CorrectionMethod.BENJAMINI_HOCHBERG;
      default -> CorrectionMethod.HOLM;
    };
  }

  static dev.assay.analysis.v1.Interval interval(Interval interval) {
    return dev.assay.analysis.v1.Interval.newBuilder()
        .setLower(interval.lower())
        .setUpper(interval.upper())
        .build();
  }

  static dev.assay.analysis.v1.SampleSummary summary(SampleSummary summary) {
    return dev.assay.analysis.v1.SampleSummary.newBuilder()
        .setCount(summary.count())
        .setMean(summary.mean())
        .setVariance(summary.variance())
        .build();
  }

  /**
   * Fills in the relative lift when it is defined (the control estimate is not 0); a lift that
   * overflowed is rejected, naming {@code field}.
   */
  static void relativeLift(Optional<RelativeLift> lift, String field, LiftFields response) {
    if (lift.isPresent()) {
      RelativeLift l = lift.get();
      FieldChecks.requireFinite(field, l.estimate(), l.interval().lower(), l.interval().upper());
      response.set(l.estimate(), interval(l.interval()));
    }
  }

  static dev.assay.analysis.v1.TTestResult tTestResult(TTestResult result) {
    FieldChecks.requireFinite(
        "input",
        result.statistic(),
        result.degreesOfFreedom(),
        result.pValue(),
        result.standardError(),
        result.differenceInterval().lower(),
        result.differenceInterval().upper());
    dev.assay.analysis.v1.TTestResult.Builder proto =
        dev.assay.analysis.v1.TTestResult.newBuilder()
            .setStatistic(result.statistic())
            .setDegreesOfFreedom(result.degreesOfFreedom())
            .setPValue(result.pValue())
            .setDifference(result.difference())
            .setStandardError(result.standardError())
            .setDifferenceInterval(interval(result.differenceInterval()))
            .setControl(summary(result.control()))
            .setTreatment(summary(result.treatment()));
    relativeLift(
        result.relativeLift(),
        "input",
        (estimate, interval) ->
            proto
                .setHasRelativeLift(true)
                .setRelativeLift(estimate)
                .setRelativeLiftInterval(interval));
    return proto.build();
  }

  static dev.assay.analysis.v1.MannWhitneyResult mannWhitneyResult(MannWhitneyResult result) {
    return dev.assay.analysis.v1.MannWhitneyResult.newBuilder()
        .setUStatistic(result.uStatistic())
        .setPValue(result.pValue())
        .setZScore(result.zScore())
        .setProbabilityOfSuperiority(result.probabilityOfSuperiority())
        .setMethod(
            result.method() == MannWhitneyMethod.EXACT
                ? dev.assay.analysis.v1.MannWhitneyMethod.MANN_WHITNEY_METHOD_EXACT
                : dev.assay.analysis.v1.MannWhitneyMethod.MANN_WHITNEY_METHOD_ASYMPTOTIC)
        .build();
  }
}
