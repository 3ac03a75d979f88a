package dev.assay.analysis.ranks;

/**
 * Exact null distribution of the Mann-Whitney U statistic without ties, by the recurrence f(m, n;
 * u) = f(m - 1, n; u - n) + f(m, n - 1; u) (Mann and Whitney, 1947). Uses only additions, so tail
 * probabilities keep full relative precision. Cost is about (m n)^2 / 2 operations.
 */
final class ExactUDistribution {
  /** Largest n1 * n2 for which the exact distribution is computed. */
  public static final long MAX_CELLS = 10_000;

  private ExactUDistribution() {}

  /** P(U >= u) for samples of sizes m and n (m * n at most {@link #MAX_CELLS}). */
  public static double sf(long u, int m, int n) {
    if ((long) m * n > MAX_CELLS) {
      throw new IllegalArgumentException("exact distribution limited to n1 * n2 <= " + MAX_CELLS);
    }
    double[] counts = frequencies(Math.max(m, n), Math.min(m, n));
    double total = 0.0;
    double tail = 0.0;
    for (int k = counts.length - 1; k >= 0; k--) {
      total += counts[k];
      if (k >= u) {
        tail += counts[k];
      }
    }
    return tail / total;
  }

  /** Counts of each U value for sizes m >= n; memory about m n^2 / 2 doubles. */
  private static double[] frequencies(int m, int n) {
    double[][] byColumn = new double[n + 1][];
    for (int j = 0; j <= n; j++) {
      byColumn[j] = new double[] {1.0};
    }
    for (int i = 1; i <= m; i++) {
      double[] previousInRow = new double[] {1.0};
      byColumn[0] = previousInRow;
      for (int j = 1; j <= n; j++) {
        double[] fewerFirst = byColumn[j];
        double[] next = new double[i * j + 1];
        for (int k = 0; k < fewerFirst.length; k++) {
          next[k + j] += fewerFirst[k];
        }
        for (int k = 0; k < previousInRow.length; k++) {
          next[k] += previousInRow[k];
        }
        byColumn[j] = next;
        previousInRow = next;
      }
    }
    return byColumn[n];
  }
}
