package dev.assay.analysis.means;

import dev.assay.analysis.distributions.StudentT;
import dev.assay.analysis.inference.Alternative;
import dev.assay.analysis.inference.ConfidenceLevel;
import dev.assay.analysis.inference.Interval;

/**
 * Welch's and Student's two-sample t-tests from summaries; matches scipy.stats.ttest_ind(treatment,
 * control, equal_var=...) and its confidence_interval (two-sided).
 */
public final class TwoSampleTTest {
  private TwoSampleTTest() {}

  /**
   * Tests treatment against control. Requires a positive standard error (not both variances 0),
   * which callers check first.
   */
  public static TTestResult test(
      SampleSummary control,
      SampleSummary treatment,
      TTestMethod method,
      Alternative alternative,
      ConfidenceLevel level) {
    double vc = control.varianceOfMean();
    double vt = treatment.varianceOfMean();
    double standardError;
    double df;
    if (method == TTestMethod.WELCH) {
      standardError = Math.sqrt(vc + vt);
      df =
          (vc + vt)
              * (vc + vt)
              / (vc * vc / (control.count() - 1) + vt * vt / (treatment.count() - 1));
    } else {
      df = control.count() + treatment.count() - 2.0;
      double pooled =
          ((control.count() - 1) * control.variance()
                  + (treatment.count() - 1) * treatment.variance())
              / df;
      standardError = Math.sqrt(pooled * (1.0 / control.count() + 1.0 / treatment.count()));
    }
    if (!(standardError > 0.0)) {
      throw new IllegalArgumentException("both groups have zero variance");
    }
    double difference = treatment.mean() - control.mean();
    double statistic = difference / standardError;
    StudentT t = new StudentT(df);
    double pValue = alternative.pValue(statistic, t::sf);
    double critical = t.upperQuantile(level.tailProbability());
    Interval interval = Interval.around(difference, critical * standardError);
    return new TTestResult(
        statistic,
        df,
        pValue,
        difference,
        standardError,
        interval,
        RelativeLift.of(control.mean(), vc, treatment.mean(), vt, level),
        control,
        treatment);
  }
}
