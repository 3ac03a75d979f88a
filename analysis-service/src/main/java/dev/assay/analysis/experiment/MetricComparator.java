package dev.assay.analysis.experiment;

import dev.assay.analysis.inference.Alternative;
import dev.assay.analysis.inference.ConfidenceLevel;
import dev.assay.analysis.means.TTestMethod;
import dev.assay.analysis.means.TTestResult;
import dev.assay.analysis.means.TwoSampleTTest;
import dev.assay.analysis.proportions.TwoProportionResult;
import dev.assay.analysis.proportions.TwoProportionZTest;

/** Compares one arm of a metric with control: z-test for counts, Welch t-test for summaries. */
final class MetricComparator {
  private MetricComparator() {}

  /** Unadjusted comparison of arm {@code arm} with arm 0 at the given interval level. */
  static Comparison compare(MetricData metric, int arm, ConfidenceLevel level) {
    if (metric.isConversion()) {
      TwoProportionResult r =
          TwoProportionZTest.test(
              metric.counts().get(0), metric.counts().get(arm), Alternative.TWO_SIDED, level);
      return new Comparison(
          metric.name(),
          r.controlRate(),
          r.treatmentRate(),
          r.difference(),
          r.differenceInterval(),
          r.pValue(),
          r.pValue(),
          false);
    }
    TTestResult r =
        TwoSampleTTest.test(
            metric.summaries().get(0),
            metric.summaries().get(arm),
            TTestMethod.WELCH,
            Alternative.TWO_SIDED,
            level);
    return new Comparison(
        metric.name(),
        r.control().mean(),
        r.treatment().mean(),
        r.difference(),
        r.differenceInterval(),
        r.pValue(),
        r.pValue(),
        false);
  }

  /** The improvement (positive is better) for a difference of this metric. */
  static double improvement(MetricData metric, double difference) {
    return metric.isDecreaseBetter() ? -difference : difference;
  }
}
