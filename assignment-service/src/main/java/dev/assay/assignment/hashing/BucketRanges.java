package dev.assay.assignment.hashing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * Splits the hash space [0, 1) between variations, GrowthBook style.
 *
 * <p>Source: GrowthBook JS SDK {@code util.ts} {@code getBucketRanges}, {@code chooseVariation},
 * {@code getEqualWeights}. Variation {@code i} owns {@code [W_i, W_i + coverage * w_i)} where
 * {@code W_i} is the sum of the weights before it. Because each range starts where its
 * full-coverage range starts, raising the coverage only adds units to a variation and never moves
 * one between variations.
 */
public final class BucketRanges {
  private BucketRanges() {}

  /**
   * Returns one range per variation, with the SDK's repairs applied: coverage below 0 becomes 0 and
   * above 1 becomes 1 (NaN is kept, giving ranges that contain nothing); weights that are null, of
   * the wrong length, or whose sum lies outside [0.99, 1.01] are replaced by equal weights. Sums
   * are accumulated in the SDK's order so the bounds are bit-for-bit the SDK's doubles.
   *
   * @param numVariations how many variations the experiment has; 0 or less gives no ranges
   * @param coverage the share of units that enter the experiment, normally in [0, 1]
   * @param weights each variation's share, or null for equal shares
   */
  public static List<BucketRange> fromWeights(
      int numVariations, double coverage, double[] weights) {
    double clampedCoverage = coverage;
    if (coverage < 0) {
      clampedCoverage = 0;
    } else if (coverage > 1) {
      clampedCoverage = 1;
    }
    double[] effective = weights;
    if (effective == null || effective.length != Math.max(numVariations, 0)) {
      effective = equalWeights(numVariations);
    }
    double total = 0;
    for (double w : effective) {
      total = w + total;
    }
    if (total < 0.99 || total > 1.01) {
      effective = equalWeights(numVariations);
    }
    List<BucketRange> ranges = new ArrayList<>(effective.length);
    double cumulative = 0;
    for (double w : effective) {
      double start = cumulative;
      cumulative += w;
      ranges.add(new BucketRange(start, start + clampedCoverage * w));
    }
    return Collections.unmodifiableList(ranges);
  }

  /**
   * Returns the index of the first range that contains {@code n}, or -1 when none does (the unit is
   * outside the experiment's coverage).
   */
  public static int chooseVariation(double n, List<BucketRange> ranges) {
    for (int i = 0, size = ranges.size(); i < size; i++) {
      if (ranges.get(i).contains(n)) {
        return i;
      }
    }
    return -1;
  }

  /**
   * Returns {@code numVariations} copies of {@code 1.0 / numVariations}, or none when it is not
   * positive.
   */
  public static double[] equalWeights(int numVariations) {
    if (numVariations <= 0) {
      return new double[0];
    }
    double[] weights = new double[numVariations];
    Arrays.fill(weights, 1.0 / numVariations);
    return weights;
  }
}
