package dev.assay.analysis.proportions;

import dev.assay.analysis.distributions.ChiSquared;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Pearson chi-square test of independence on a k x m table; matches
 * scipy.stats.chi2_contingency(table, correction=yates), which applies Yates' correction only when
 * there is one degree of freedom.
 */
public final class ChiSquareIndependenceTest {
  private ChiSquareIndependenceTest() {}

  /**
   * Tests independence of rows and columns. The table must be rectangular, at least 2 x 2, with no
   * empty row or column (callers validate).
   */
  public static ContingencyTableResult test(long[][] table, boolean yatesCorrection) {
    int rows = table.length;
    int columns = table[0].length;
    double[] rowSums = new double[rows];
    double[] columnSums = new double[columns];
    double total = 0.0;
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < columns; j++) {
        rowSums[i] += table[i][j];
        columnSums[j] += table[i][j];
        total += table[i][j];
      }
    }
    long df = (long) (rows - 1) * (columns - 1);
    boolean correct = yatesCorrection && df == 1;
    double[][] expected = new double[rows][columns];
    double statistic = 0.0;
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < columns; j++) {
        expected[i][j] = rowSums[i] * columnSums[j] / total;
        double observed = table[i][j];
        if (correct) {
          double diff = expected[i][j] - observed;
          observed += Math.signum(diff) * Math.min(0.5, Math.abs(diff));
        }
        double deviation = observed - expected[i][j];
        statistic += deviation * deviation / expected[i][j];
      }
    }
    List<List<Double>> expectedRows = new ArrayList<>(rows);
    for (double[] row : expected) {
      expectedRows.add(Arrays.stream(row).boxed().toList());
    }
    return new ContingencyTableResult(
        statistic, df, ChiSquared.sf(statistic, (double) df), expectedRows);
  }
}
