package dev.assay.analysis.api;

import dev.assay.analysis.inference.Alternative;
import dev.assay.analysis.inference.Interval;
import dev.assay.analysis.means.RelativeLift;
import dev.assay.analysis.means.SampleSummary;
import dev.assay.analysis.means.TTestResult;
import dev.assay.analysis.ranks.MannWhitneyMethod;
import dev.assay.analysis.ranks.MannWhitneyResult;
import dev.assay.analysis.v1.MannWhitneyResult.Builder;

/** Translations between generated proto messages and domain types. */
final class Conversions {
  private Conversions() {}

  static Alternative alternative(dev.assay.analysis.v1.Alternative proto) {
    return switch (proto) {
      case ALTERNATIVE_GREATER -> Alternative.GREATER;
      case ALTERNATIVE_LESS -> Alternative.LESS;
      default -> Alternative.TWO_SIDED;
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
    if (result.relativeLift().isPresent()) {
      RelativeLift lift = result.relativeLift().get();
      FieldChecks.requireFinite(
          "input", lift.estimate(), lift.interval().lower(), lift.interval().upper());
      proto
          .setHasRelativeLift(true)
          .setRelativeLift(lift.estimate())
          .setRelativeLiftInterval(interval(lift.interval()));
    }
    return proto.build();
  }

  static dev.assay.analysis.v1.MannWhitneyResult mannWhitneyResult(MannWhitneyResult result) {
    Builder proto =
        dev.assay.analysis.v1.MannWhitneyResult.newBuilder()
            .setUStatistic(result.uStatistic())
            .setPValue(result.pValue())
            .setZScore(result.zScore())
            .setProbabilityOfSuperiority(result.probabilityOfSuperiority())
            .setMethod(
                result.method() == MannWhitneyMethod.EXACT
                    ? dev.assay.analysis.v1.MannWhitneyMethod.MANN_WHITNEY_METHOD_EXACT
                    : dev.assay.analysis.v1.MannWhitneyMethod.MANN_WHITNEY_METHOD_ASYMPTOTIC);
    return proto.build();
  }
}
