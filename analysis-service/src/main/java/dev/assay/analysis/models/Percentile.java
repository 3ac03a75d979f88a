package dev.assay.analysis.models;

/**
 * Percentiles with linear interpolation between order statistics (numpy.percentile's default,
 * Hyndman-Fan type 7).
 */
final class Percentile {
  private Percentile() {}

  /** The q-th quantile (q in [0, 1]) of ascending {@code sorted} values. */
  public static double of(double[] sorted, double q) {
    double h = (sorted.length - 1) * q;
    int below = (int) Math.floor(h);
    int above = Math.min(sorted.length - 1, below + 1);
    return sorted[below] + (h - below) * (sorted[above] - sorted[below]);
  }
}
