package dev.assay.assignment.bucketing;

import static dev.assay.assignment.support.ExperimentBuilder.experiment;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assay.assignment.definitions.Experiment;
import dev.assay.assignment.definitions.Range;
import dev.assay.assignment.definitions.Variation;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RangeRebalancerTest {
  @Test
  void weightChangeMovesExactlyTheTotalVariationDistance() {
    Random random = new Random(42);
    for (int trial = 0; trial < 500; trial++) {
      int n = 2 + random.nextInt(5);
      double[] before = randomWeights(random, n);
      double[] after = randomWeights(random, n + random.nextInt(2));
      Experiment old = experiment("e").weights(before).build();
      List<List<Range>> rebalanced = RangeRebalancer.rebalance(BucketLayout.fullRanges(old), after);
      Experiment edited = experiment("e").weights(after).ranges(rebalanced).build();

      Movement movement =
          MovementCalculator.compare(BucketLayout.of(old, 1), BucketLayout.of(edited, 1));

      assertEquals(totalVariationDistance(before, after), movement.moved(), 1e-9, "trial " + trial);
      double[] shares = BucketLayout.of(edited, 1).shares(after.length);
      for (int v = 0; v < after.length; v++) {
        assertEquals(after[v], shares[v], 1e-9, "variation " + v + " gets its new weight");
      }
    }
  }

  @Test
  void repeatedEditsKeepRangesDisjointAndWithinTheBucketSpace() {
    Random random = new Random(7);
    Experiment current = experiment("e").weights(0.5, 0.5).build();
    for (int edit = 0; edit < 200; edit++) {
      double[] weights =
          randomWeights(random, current.variations().size() + (random.nextInt(10) == 0 ? 1 : 0));
      List<Variation> variations = new ArrayList<>();
      for (int v = 0; v < weights.length; v++) {
        variations.add(new Variation("v" + v, weights[v], null));
      }
      List<List<Range>> ranges =
          RangeRebalancer.rebalance(BucketLayout.fullRanges(current), weights);
      current = experiment("e").variations(variations).ranges(ranges).build();
      List<Range> all = new ArrayList<>();
      ranges.forEach(all::addAll);
      all.sort((a, b) -> Double.compare(a.start(), b.start()));
      for (int i = 0; i < all.size(); i++) {
        assertTrue(all.get(i).start() >= 0 && all.get(i).end() <= 1 + 1e-12);
        if (i > 0) {
          assertTrue(
              all.get(i).start() >= all.get(i - 1).end() - 1e-12,
              "ranges overlap after edit " + edit);
        }
      }
    }
  }

  @Test
  void addingAVariationTakesItsShareOnlyFromTheOthers() {
    Experiment old = experiment("e").weights(0.5, 0.5).build();
    double[] after = {1.0 / 3, 1.0 / 3, 1.0 / 3};
    List<List<Range>> ranges = RangeRebalancer.rebalance(BucketLayout.fullRanges(old), after);
    Experiment edited = experiment("e").weights(after).ranges(ranges).build();

    Movement movement =
        MovementCalculator.compare(BucketLayout.of(old, 1), BucketLayout.of(edited, 1));

    assertEquals(1.0 / 3, movement.moved(), 1e-12);
    assertEquals(1.0 / 3, movement.switched(), 1e-12);
    assertEquals(0, movement.entered(), 1e-12);
  }

  @Test
  void raisingCoverageNeverMovesAUnitBetweenVariations() {
    Experiment low = experiment("e").weights(0.2, 0.3, 0.5).coverage(0.1).build();
    Experiment high = experiment("e").weights(0.2, 0.3, 0.5).coverage(0.6).build();

    Movement movement =
        MovementCalculator.compare(BucketLayout.of(low, 0.1), BucketLayout.of(high, 0.6));

    assertEquals(0, movement.switched(), 0);
    assertEquals(0, movement.left(), 0);
    assertEquals(0.5, movement.entered(), 1e-12);
  }

  @Test
  void rehashingMovesEveryoneWhoseIndependentDrawDiffers() {
    Movement movement =
        MovementCalculator.rehashed(new double[] {0.5, 0.5}, new double[] {0.5, 0.5});
    assertEquals(0.5, movement.moved(), 1e-12);
    assertEquals(0.5, movement.switched(), 1e-12);
  }

  private static double[] randomWeights(Random random, int n) {
    double[] w = new double[n];
    double sum = 0;
    for (int i = 0; i < n; i++) {
      w[i] = random.nextDouble() + 0.01;
      sum += w[i];
    }
    for (int i = 0; i < n; i++) {
      w[i] /= sum;
    }
    return w;
  }

  private static double totalVariationDistance(double[] a, double[] b) {
    double distance = 0;
    for (int i = 0; i < Math.max(a.length, b.length); i++) {
      double x = i < a.length ? a[i] : 0;
      double y = i < b.length ? b[i] : 0;
      distance += Math.max(0, x - y);
    }
    return distance;
  }
}
