package dev.assay.analysis.cuped;

/**
 * Means, variances and covariance of paired observations (y, x) with unbiased divisors (n - 1),
 * accumulated online (Welford's update extended to the co-moment) and mergeable across groups
 * (Chan, Golub and LeVeque, 1979).
 *
 * @param count number of pairs
 * @param meanY mean of y
 * @param meanX mean of x
 * @param varianceY unbiased variance of y
 * @param varianceX unbiased variance of x
 * @param covariance unbiased covariance of x and y
 */
public record PairedMoments(
    long count, double meanY, double meanX, double varianceY, double varianceX, double covariance) {
  /** The moments of paired arrays of equal length (at least two). */
  public static PairedMoments of(double[] y, double[] x) {
    long n = 0;
    double meanY = 0;
    double meanX = 0;
    double m2Y = 0;
    double m2X = 0;
    double coMoment = 0;
    for (int i = 0; i < y.length; i++) {
      n++;
      double dy = y[i] - meanY;
      double dx = x[i] - meanX;
      meanY += dy / n;
      meanX += dx / n;
      m2Y += dy * (y[i] - meanY);
      m2X += dx * (x[i] - meanX);
      coMoment += dx * (y[i] - meanY);
    }
    return new PairedMoments(n, meanY, meanX, m2Y / (n - 1), m2X / (n - 1), coMoment / (n - 1));
  }

  /** The moments of this group and {@code other} pooled into one sample. */
  public PairedMoments merge(PairedMoments other) {
    long n = count + other.count;
    double dy = other.meanY - meanY;
    double dx = other.meanX - meanX;
    double weight = (double) count * other.count / n;
    double m2Y = varianceY * (count - 1) + other.varianceY * (other.count - 1) + dy * dy * weight;
    double m2X = varianceX * (count - 1) + other.varianceX * (other.count - 1) + dx * dx * weight;
    double co = covariance * (count - 1) + other.covariance * (other.count - 1) + dx * dy * weight;
    return new PairedMoments(
        n,
        meanY + dy * other.count / n,
        meanX + dx * other.count / n,
        m2Y / (n - 1),
        m2X / (n - 1),
        co / (n - 1));
  }
}
