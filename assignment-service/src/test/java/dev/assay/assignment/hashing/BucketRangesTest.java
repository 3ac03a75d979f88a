package dev.assay.assignment.hashing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class BucketRangesTest {

  static Stream<Arguments> sdkRanges() {
    return GrowthBookVectors.list("buckets.json", "ranges").stream()
        .map(c -> (Map<?, ?>) c)
        .map(
            c ->
                Arguments.of(
                    ((Number) c.get("numVariations")).intValue(),
                    GrowthBookVectors.number(c.get("coverage")),
                    GrowthBookVectors.doubles(c.get("weights")),
                    c.get("ranges")));
  }

  @ParameterizedTest(name = "[{index}] {0} variations, coverage {1}")
  @MethodSource("sdkRanges")
  void fromWeightsMatchesGetBucketRanges(
      int numVariations, double coverage, double[] weights, List<?> expected) {
    assertEquals(toRanges(expected), BucketRanges.fromWeights(numVariations, coverage, weights));
  }

  static Stream<Arguments> sdkChoices() {
    return GrowthBookVectors.list("buckets.json", "choices").stream()
        .map(c -> (Map<?, ?>) c)
        .map(
            c ->
                Arguments.of(
                    GrowthBookVectors.number(c.get("n")),
                    c.get("ranges"),
                    ((Number) c.get("variation")).intValue()));
  }

  @ParameterizedTest(name = "[{index}] n={0}")
  @MethodSource("sdkChoices")
  void chooseVariationMatchesTheSdk(double n, List<?> ranges, int expected) {
    assertEquals(expected, BucketRanges.chooseVariation(n, toRanges(ranges)));
  }

  static Stream<Arguments> sdkEqualWeights() {
    return GrowthBookVectors.list("buckets.json", "equalWeights").stream()
        .map(c -> (Map<?, ?>) c)
        .map(
            c ->
                Arguments.of(
                    ((Number) c.get("numVariations")).intValue(),
                    GrowthBookVectors.doubles(c.get("weights"))));
  }

  @ParameterizedTest(name = "[{index}] {0} variations")
  @MethodSource("sdkEqualWeights")
  void equalWeightsMatchGetEqualWeights(int numVariations, double[] expected) {
    assertArrayEquals(expected, BucketRanges.equalWeights(numVariations), 0.0);
  }

  @Test
  void validRangesAreOrderedDisjointAndCoverExactlyTheCoverage() {
    Random random = new Random(42L);
    for (int trial = 0; trial < 5_000; trial++) {
      int n = 1 + random.nextInt(10);
      double coverage = random.nextDouble();
      List<BucketRange> ranges = BucketRanges.fromWeights(n, coverage, randomWeights(random, n));
      assertEquals(n, ranges.size());
      double total = 0;
      for (int i = 0; i < n; i++) {
        BucketRange r = ranges.get(i);
        assertTrue(r.start() <= r.end(), "range " + i + " inverted");
        assertTrue(r.start() >= 0 && r.end() <= 1 + 1e-12, "range " + i + " outside [0, 1]");
        if (i > 0) {
          assertTrue(
              ranges.get(i - 1).end() <= r.start() + 1e-12,
              "ranges " + (i - 1) + " and " + i + " overlap");
        }
        total += r.width();
      }
      assertEquals(coverage, total, 1e-9);
    }
  }

  @Test
  void raisingCoverageNeverMovesAUnitBetweenVariations() {
    Random random = new Random(99L);
    for (int trial = 0; trial < 2_000; trial++) {
      int n = 2 + random.nextInt(6);
      double[] weights = randomWeights(random, n);
      double low = random.nextDouble();
      double high = low + (1 - low) * random.nextDouble();
      List<BucketRange> before = BucketRanges.fromWeights(n, low, weights);
      List<BucketRange> after = BucketRanges.fromWeights(n, high, weights);
      for (int unit = 0; unit < 200; unit++) {
        double hash = random.nextInt(10_000) / 10_000.0;
        int was = BucketRanges.chooseVariation(hash, before);
        if (was >= 0) {
          assertEquals(
              was, BucketRanges.chooseVariation(hash, after), "unit at " + hash + " moved");
        }
      }
    }
  }

  @Test
  void repairsInvalidInputLikeTheSdk() {
    assertEquals(
        BucketRanges.fromWeights(2, 1, null),
        BucketRanges.fromWeights(2, 1, new double[] {0.3, 0.3}));
    assertEquals(
        BucketRanges.fromWeights(2, 1, null), BucketRanges.fromWeights(2, 1, new double[] {1}));
    assertEquals(
        List.of(new BucketRange(0, 0.5), new BucketRange(0.5, 1)),
        BucketRanges.fromWeights(2, 7, null));
    assertEquals(
        List.of(new BucketRange(0, 0), new BucketRange(0.5, 0.5)),
        BucketRanges.fromWeights(2, -1, null));
    assertEquals(List.of(), BucketRanges.fromWeights(0, 1, null));
  }

  private static double[] randomWeights(Random random, int n) {
    double[] w = new double[n];
    double sum = 0;
    for (int i = 0; i < n; i++) {
      w[i] = random.nextDouble();
      sum += w[i];
    }
    for (int i = 0; i < n; i++) {
      w[i] /= sum;
    }
    return w;
  }

  static List<BucketRange> toRanges(List<?> json) {
    List<BucketRange> ranges = new ArrayList<>();
    for (Object r : json) {
      List<?> pair = (List<?>) r;
      ranges.add(
          new BucketRange(
              GrowthBookVectors.number(pair.get(0)), GrowthBookVectors.number(pair.get(1))));
    }
    return ranges;
  }
}
