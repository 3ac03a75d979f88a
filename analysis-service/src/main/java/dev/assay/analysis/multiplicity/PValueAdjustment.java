package dev.assay.analysis.multiplicity;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Bonferroni, Holm and Benjamini-Hochberg corrections; matches statsmodels
 * stats.multitest.multipletests (methods 'bonferroni', 'holm', 'fdr_bh').
 */
public final class PValueAdjustment {
  private PValueAdjustment() {}

  /** Adjusts {@code pValues} (each in [0, 1], at least one) at level {@code alpha}. */
  public static AdjustedPValues adjust(double[] pValues, CorrectionMethod method, double alpha) {
    int m = pValues.length;
    Integer[] order = IntStream.range(0, m).boxed().toArray(Integer[]::new);
    Arrays.sort(order, Comparator.comparingDouble(i -> pValues[i]));
    double[] adjusted = new double[m];
    boolean[] rejected = new boolean[m];
    switch (method) {
      case BONFERRONI -> {
        for (int i = 0; i < m; i++) {
          adjusted[i] = Math.min(1.0, pValues[i] * m);
          rejected[i] = pValues[i] <= alpha / m;
        }
      }
      case HOLM -> {
        double running = 0.0;
        boolean stillRejecting = true;
        for (int rank = 0; rank < m; rank++) {
          int i = order[rank];
          running = Math.max(running, pValues[i] * (m - rank));
          adjusted[i] = Math.min(1.0, running);
          stillRejecting = stillRejecting && pValues[i] <= alpha / (m - rank);
          rejected[i] = stillRejecting;
        }
      }
      case BENJAMINI_HOCHBERG -> {
        int largestRejected = -1;
        for (int rank = 0; rank < m; rank++) {
          if (pValues[order[rank]] <= (rank + 1.0) / m * alpha) {
            largestRejected = rank;
          }
        }
        double running = Double.POSITIVE_INFINITY;
        for (int rank = m - 1; rank >= 0; rank--) {
          int i = order[rank];
          running = Math.min(running, pValues[i] / ((rank + 1.0) / m));
          adjusted[i] = Math.min(1.0, running);
          rejected[i] = rank <= largestRejected;
        }
      }
    }
    List<Boolean> rejections = new ArrayList<>(m);
    for (boolean isRejected : rejected) {
      rejections.add(isRejected);
    }
    return new AdjustedPValues(Arrays.stream(adjusted).boxed().toList(), rejections);
  }
}
