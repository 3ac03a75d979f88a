package dev.assay.analysis.cuped;

import dev.assay.analysis.inference.Alternative;
import dev.assay.analysis.inference.ConfidenceLevel;
import dev.assay.analysis.means.SampleSummary;
import dev.assay.analysis.means.TTestMethod;
import dev.assay.analysis.means.TTestResult;
import dev.assay.analysis.means.TwoSampleTTest;

/**
 * CUPED variance reduction with a pre-experiment covariate (Deng, Xu, Kohavi and Walker, WSDM
 * 2013): y' = y - theta (x - mean(x)) with theta = cov(x, y) / var(x) estimated on both groups
 * pooled; the adjusted means and variances then feed the usual t-test. Equals scipy.stats.ttest_ind
 * on the adjusted values.
 */
public final class Cuped {
  private Cuped() {}

  /** Whether the pooled covariate is constant, so theta is undefined. */
  public static boolean hasConstantCovariate(PairedMoments control, PairedMoments treatment) {
    return !(control.merge(treatment).varianceX() > 0.0);
  }

  /** Compares treatment with control after adjusting both by the covariate. */
  public static CupedResult test(
      PairedMoments control,
      PairedMoments treatment,
      TTestMethod method,
      Alternative alternative,
      ConfidenceLevel level) {
    PairedMoments pooled = control.merge(treatment);
    double theta = pooled.covariance() / pooled.varianceX();
    SampleSummary adjustedControl = adjust(control, theta, pooled.meanX());
    SampleSummary adjustedTreatment = adjust(treatment, theta, pooled.meanX());
    SampleSummary rawControl =
        new SampleSummary(control.count(), control.meanY(), control.varianceY());
    SampleSummary rawTreatment =
        new SampleSummary(treatment.count(), treatment.meanY(), treatment.varianceY());
    TTestResult adjusted =
        TwoSampleTTest.test(adjustedControl, adjustedTreatment, method, alternative, level);
    TTestResult unadjusted =
        TwoSampleTTest.test(rawControl, rawTreatment, method, alternative, level);
    double reduction =
        1.0
            - (adjusted.standardError() * adjusted.standardError())
                / (unadjusted.standardError() * unadjusted.standardError());
    return new CupedResult(
        theta, adjustedControl, adjustedTreatment, reduction, adjusted, unadjusted);
  }

  private static SampleSummary adjust(PairedMoments group, double theta, double pooledMeanX) {
    double mean = group.meanY() - theta * (group.meanX() - pooledMeanX);
    double variance =
        Math.max(
            0.0,
            group.varianceY()
                + theta * theta * group.varianceX()
                - 2.0 * theta * group.covariance());
    return new SampleSummary(group.count(), mean, variance);
  }
}
