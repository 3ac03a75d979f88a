package dev.assay.analysis.means;

/**
 * Sufficient statistics of one group for tests on means: count, mean and unbiased variance (divisor
 * count - 1).
 */
public record SampleSummary(long count, double mean, double variance) {
  /** Validates the statistics; callers validate user input before constructing. */
  public SampleSummary {
    if (count < 2 || !Double.isFinite(mean) || !Double.isFinite(variance) || variance < 0.0) {
      throw new IllegalArgumentException(
          "invalid summary: count=" + count + " mean=" + mean + " variance=" + variance);
    }
  }

  /** The summary of raw values (at least two, all finite). */
  public static SampleSummary of(double[] values) {
    OnlineMoments moments = new OnlineMoments();
    for (double v : values) {
      moments.add(v);
    }
    return moments.summary();
  }

  /** The squared standard error of the mean, variance / count. */
  public double varianceOfMean() {
    return variance / count;
  }
}
