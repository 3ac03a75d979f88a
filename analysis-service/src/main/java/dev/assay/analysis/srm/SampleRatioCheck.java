package dev.assay.analysis.srm;

import dev.assay.analysis.distributions.ChiSquared;
import java.util.Arrays;

/**
 * Sample-ratio-mismatch check: Pearson chi-square goodness of fit of observed arm counts against
 * configured weights (scipy.stats.chisquare(observed, total * weights / sum(weights))), flagged
 * when p is below a threshold (Fabijan et al., "Diagnosing Sample Ratio Mismatch", KDD 2019).
 */
public final class SampleRatioCheck {
  /** The conventional threshold, p < 0.001. */
  public static final double DEFAULT_THRESHOLD = 0.001;

  private SampleRatioCheck() {}

  /**
   * Checks {@code observed} against {@code weights} (same length >= 2, weights positive, total > 0;
   * callers validate).
   */
  public static SampleRatioResult check(long[] observed, double[] weights, double threshold) {
    double total = 0.0;
    double weightSum = 0.0;
    for (int i = 0; i < observed.length; i++) {
      total += observed[i];
      weightSum += weights[i];
    }
    double[] expected = new double[observed.length];
    double statistic = 0.0;
    for (int i = 0; i < observed.length; i++) {
      expected[i] = total * weights[i] / weightSum;
      double deviation = observed[i] - expected[i];
      statistic += deviation * deviation / expected[i];
    }
    long df = observed.length - 1L;
    double p = ChiSquared.sf(statistic, (double) df);
    return new SampleRatioResult(
        statistic, df, p, p < threshold, Arrays.stream(expected).boxed().toList());
  }
}
