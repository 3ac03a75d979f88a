package dev.assay.assignment.bucketing;

import dev.assay.assignment.definitions.Range;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Moves as few buckets as possible when variation weights change: a variation that shrinks gives up
 * buckets from the end of its ranges, a variation that grows takes free buckets, and everything
 * else stays put. The share of units that move is then the total variation distance between the old
 * and new weights, the least any reassignment can achieve.
 */
public final class RangeRebalancer {
  private static final double EPSILON = 1e-12;

  private RangeRebalancer() {}

  /**
   * New full-coverage ranges for {@code newWeights} (which sum to at most 1), starting from {@code
   * current} (one list per existing variation; variations beyond it are new and start empty).
   */
  public static List<List<Range>> rebalance(List<List<Range>> current, double[] newWeights) {
    List<List<Range>> result = new ArrayList<>();
    List<Range> free = new ArrayList<>(freeSpace(current));
    for (int v = 0; v < newWeights.length; v++) {
      List<Range> kept = new ArrayList<>();
      double remaining = newWeights[v];
      List<Range> owned = v < current.size() ? current.get(v) : List.of();
      for (Range r : owned) {
        if (remaining <= EPSILON) {
          free.add(r);
        } else if (r.width() <= remaining + EPSILON) {
          kept.add(r);
          remaining -= r.width();
        } else {
          kept.add(new Range(r.start(), r.start() + remaining));
          free.add(new Range(r.start() + remaining, r.end()));
          remaining = 0;
        }
      }
      result.add(kept);
    }
    for (int v = newWeights.length; v < current.size(); v++) {
      free.addAll(current.get(v));
    }
    free.sort(Comparator.comparingDouble(Range::start));
    for (int v = 0; v < newWeights.length; v++) {
      double missing = newWeights[v] - total(result.get(v));
      while (missing > EPSILON && !free.isEmpty()) {
        Range r = free.remove(0);
        if (r.width() <= missing + EPSILON) {
          result.get(v).add(r);
          missing -= r.width();
        } else {
          result.get(v).add(new Range(r.start(), r.start() + missing));
          free.add(0, new Range(r.start() + missing, r.end()));
          missing = 0;
        }
      }
    }
    List<List<Range>> merged = new ArrayList<>();
    for (List<Range> ranges : result) {
      merged.add(merge(ranges));
    }
    return merged;
  }

  /** The parts of [0, 1] no variation owns. */
  static List<Range> freeSpace(List<List<Range>> owned) {
    List<Range> all = new ArrayList<>();
    owned.forEach(all::addAll);
    all.sort(Comparator.comparingDouble(Range::start));
    List<Range> free = new ArrayList<>();
    double cursor = 0;
    for (Range r : all) {
      if (r.start() > cursor + EPSILON) {
        free.add(new Range(cursor, r.start()));
      }
      cursor = Math.max(cursor, r.end());
    }
    if (cursor < 1 - EPSILON) {
      free.add(new Range(cursor, 1));
    }
    return free;
  }

  private static double total(List<Range> ranges) {
    double sum = 0;
    for (Range r : ranges) {
      sum += r.width();
    }
    return sum;
  }

  /** Sorts and joins touching ranges, dropping empty ones. */
  private static List<Range> merge(List<Range> ranges) {
    List<Range> sorted = new ArrayList<>(ranges);
    sorted.removeIf(r -> r.width() <= EPSILON);
    sorted.sort(Comparator.comparingDouble(Range::start));
    List<Range> merged = new ArrayList<>();
    for (Range r : sorted) {
      if (!merged.isEmpty()
          && Math.abs(merged.get(merged.size() - 1).end() - r.start()) <= EPSILON) {
        Range last = merged.remove(merged.size() - 1);
        merged.add(new Range(last.start(), r.end()));
      } else {
        merged.add(r);
      }
    }
    return List.copyOf(merged);
  }
}
