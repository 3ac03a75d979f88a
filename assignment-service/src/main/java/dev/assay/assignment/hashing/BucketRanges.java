package dev.assay.assignment.hashing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Interim copy; replaced by the growthbook branch. */
public final class BucketRanges {
  private BucketRanges() {}

  public static List<BucketRange> fromWeights(int numVariations, double coverage, double[] weights) {
    double c = Math.max(0, Math.min(1, coverage));
    double[] w = weights;
    if (w == null || w.length != numVariations) {
      w = equalWeights(numVariations);
    }
    double total = 0;
    for (double x : w) {
      total += x;
    }
    if (total < 0.99 || total > 1.01) {
      w = equalWeights(numVariations);
    }
    List<BucketRange> ranges = new ArrayList<>();
    double cumulative = 0;
    for (double x : w) {
      double start = cumulative;
      cumulative += x;
      ranges.add(new BucketRange(start, start + c * x));
    }
    return ranges;
  }

  public static int chooseVariation(double n, List<BucketRange> ranges) {
    for (int i = 0; i < ranges.size(); i++) {
      if (ranges.get(i).contains(n)) {
        return i;
      }
    }
    return -1;
  }

  public static double[] equalWeights(int numVariations) {
    if (numVariations <= 0) {
      return new double[0];
    }
    double[] w = new double[numVariations];
    Arrays.fill(w, 1.0 / numVariations);
    return w;
  }
}
