package dev.assay.analysis.means;

/**
 * Count, mean and variance of a stream of values in O(1) memory (Welford's algorithm, Knuth TAOCP
 * vol. 2, 4.2.2). Numerically stable for ten million values and more.
 */
public final class OnlineMoments {
  private long count;
  private double mean;
  private double sumOfSquaredDeviations;

  /** Adds one value. */
  public void add(double value) {
    count++;
    double delta = value - mean;
    mean += delta / count;
    sumOfSquaredDeviations += delta * (value - mean);
  }

  /** How many values were added. */
  public long count() {
    return count;
  }

  /** False when the values were so large that the mean or variance overflowed. */
  public boolean isFinite() {
    return Double.isFinite(mean) && Double.isFinite(sumOfSquaredDeviations);
  }

  /** The summary; requires at least two values and {@link #isFinite()}. */
  public SampleSummary summary() {
    return new SampleSummary(count, mean, sumOfSquaredDeviations / (count - 1));
  }
}
