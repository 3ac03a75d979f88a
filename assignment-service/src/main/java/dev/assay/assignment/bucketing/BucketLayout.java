package dev.assay.assignment.bucketing;

import dev.assay.assignment.definitions.Experiment;
import dev.assay.assignment.definitions.Range;
import dev.assay.assignment.hashing.BucketRange;
import dev.assay.assignment.hashing.BucketRanges;
import java.util.ArrayList;
import java.util.List;

/**
 * Which variation each hash bucket gets at a given coverage. Experiments defined by weights alone
 * use the GrowthBook specification's ranges exactly; edited experiments use their explicit ranges,
 * each covered from its start for the covered share, so raising coverage only ever adds buckets.
 */
public final class BucketLayout {
  private final double[] starts;
  private final double[] ends;
  private final int[] variations;

  private BucketLayout(double[] starts, double[] ends, int[] variations) {
    this.starts = starts;
    this.ends = ends;
    this.variations = variations;
  }

  /** The layout of {@code experiment} at {@code coverage}. */
  public static BucketLayout of(Experiment experiment, double coverage) {
    if (experiment.explicitRanges().isEmpty()) {
      List<BucketRange> ranges =
          BucketRanges.fromWeights(experiment.variations().size(), coverage, experiment.weights());
      double[] starts = new double[ranges.size()];
      double[] ends = new double[ranges.size()];
      int[] variations = new int[ranges.size()];
      for (int i = 0; i < ranges.size(); i++) {
        starts[i] = ranges.get(i).start();
        ends[i] = ranges.get(i).end();
        variations[i] = i;
      }
      return new BucketLayout(starts, ends, variations);
    }
    double clamped = Math.max(0, Math.min(1, coverage));
    List<double[]> flat = new ArrayList<>();
    List<List<Range>> explicit = experiment.explicitRanges();
    for (int v = 0; v < explicit.size(); v++) {
      for (Range r : explicit.get(v)) {
        flat.add(new double[] {r.start(), r.start() + clamped * r.width(), v});
      }
    }
    double[] starts = new double[flat.size()];
    double[] ends = new double[flat.size()];
    int[] variations = new int[flat.size()];
    for (int i = 0; i < flat.size(); i++) {
      starts[i] = flat.get(i)[0];
      ends[i] = flat.get(i)[1];
      variations[i] = (int) flat.get(i)[2];
    }
    return new BucketLayout(starts, ends, variations);
  }

  /** The full-coverage ranges of each variation: explicit ones, or those the weights imply. */
  public static List<List<Range>> fullRanges(Experiment experiment) {
    if (!experiment.explicitRanges().isEmpty()) {
      return experiment.explicitRanges();
    }
    List<List<Range>> ranges = new ArrayList<>();
    for (BucketRange r :
        BucketRanges.fromWeights(experiment.variations().size(), 1.0, experiment.weights())) {
      ranges.add(r.end() > r.start() ? List.of(new Range(r.start(), r.end())) : List.of());
    }
    return ranges;
  }

  /** The variation index for hash bucket {@code n}, or -1 when the bucket is not covered. */
  public int choose(double n) {
    for (int i = 0; i < starts.length; i++) {
      if (n >= starts[i] && n < ends[i]) {
        return variations[i];
      }
    }
    return -1;
  }

  /** The share of the bucket space each variation gets at this layout's coverage. */
  public double[] shares(int variationCount) {
    double[] shares = new double[variationCount];
    for (int i = 0; i < starts.length; i++) {
      shares[variations[i]] += Math.max(0, ends[i] - starts[i]);
    }
    return shares;
  }

  /** Every range boundary, for exact comparisons of two layouts. */
  double[] boundaries() {
    double[] points = new double[starts.length * 2];
    for (int i = 0; i < starts.length; i++) {
      points[2 * i] = starts[i];
      points[2 * i + 1] = ends[i];
    }
    return points;
  }
}
