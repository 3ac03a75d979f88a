package dev.assay.assignment.bucketing;

import java.util.Arrays;

/** Exact movement between two layouts over the same hash, from their range boundaries. */
public final class MovementCalculator {
  private MovementCalculator() {}

  /** Compares {@code before} and {@code after} on every elementary interval between boundaries. */
  public static Movement compare(BucketLayout before, BucketLayout after) {
    double[] a = before.boundaries();
    double[] b = after.boundaries();
    double[] points = Arrays.copyOf(a, a.length + b.length + 2);
    System.arraycopy(b, 0, points, a.length, b.length);
    points[points.length - 2] = 0;
    points[points.length - 1] = 1;
    Arrays.sort(points);
    double switched = 0;
    double entered = 0;
    double left = 0;
    for (int i = 0; i + 1 < points.length; i++) {
      double lo = Math.max(0, points[i]);
      double hi = Math.min(1, points[i + 1]);
      if (hi <= lo) {
        continue;
      }
      // Outcomes are constant on [lo, hi): probe its midpoint.
      double mid = lo + (hi - lo) / 2;
      int from = before.choose(mid);
      int to = after.choose(mid);
      if (from == to) {
        continue;
      }
      double width = hi - lo;
      if (from < 0) {
        entered += width;
      } else if (to < 0) {
        left += width;
      } else {
        switched += width;
      }
    }
    return new Movement(switched + entered + left, switched, entered, left);
  }

  /**
   * Movement when the hash itself changes (seed, hash version or hash attribute): old and new
   * buckets are independent, so a unit keeps its outcome with probability sum over outcomes of
   * p_old * p_new.
   */
  public static Movement rehashed(double[] oldShares, double[] newShares) {
    double kept = 0;
    double oldIn = 0;
    double newIn = 0;
    int n = Math.max(oldShares.length, newShares.length);
    for (int v = 0; v < n; v++) {
      double p = v < oldShares.length ? oldShares[v] : 0;
      double q = v < newShares.length ? newShares[v] : 0;
      kept += p * q;
      oldIn += p;
      newIn += q;
    }
    kept += (1 - oldIn) * (1 - newIn);
    double entered = (1 - oldIn) * newIn;
    double left = oldIn * (1 - newIn);
    double moved = 1 - kept;
    return new Movement(moved, moved - entered - left, entered, left);
  }
}
