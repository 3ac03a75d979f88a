package dev.assay.assignment.exposures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assay.assignment.definitions.Variation;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The duplicate filter and the weights an exposure carries. */
class SeenExposuresTest {
  @Test
  void aPairIsSeenOnceAddedUntilForgotten() {
    SeenExposures seen = new SeenExposures(1 << 10);
    long hash = SeenExposures.hash("checkout", "user-1");

    assertFalse(seen.contains(hash));
    seen.add(hash);
    assertTrue(seen.contains(hash));
    seen.forget(hash);
    assertFalse(seen.contains(hash));
  }

  @Test
  void theBoundaryBetweenExperimentAndUnitCounts() {
    assertNotEquals(SeenExposures.hash("ab", "c"), SeenExposures.hash("a", "bc"));
    assertNotEquals(SeenExposures.hash("a", "b"), SeenExposures.hash("b", "a"));
  }

  @Test
  void aMillionRandomPairsHashWithoutACollision() {
    SplittableRandom random = new SplittableRandom(12);
    Set<Long> hashes = new HashSet<>();
    for (int i = 0; i < 1_000_000; i++) {
      String unit = "user-" + Long.toHexString(random.nextLong());
      assertTrue(hashes.add(SeenExposures.hash("exp-" + (i % 7), unit)), unit);
    }
  }

  @Test
  void forgettingASlotTakenByAnotherPairKeepsThatPair() {
    SeenExposures seen = new SeenExposures(1); // one slot: every pair shares it
    long first = SeenExposures.hash("checkout", "user-1");
    long second = SeenExposures.hash("checkout", "user-2");
    seen.add(first);
    seen.add(second);

    seen.forget(first);

    assertFalse(seen.contains(first), "overwritten: a lossy table forgets");
    assertTrue(seen.contains(second));
  }

  @Test
  void weightsAreSharesAndAllZeroMeansEqual() {
    assertEquals(
        List.of(0.25, 0.75),
        ExposureRecorder.normalizedWeights(
            List.of(new Variation("a", 0.25, null), new Variation("b", 0.75, null))));
    assertEquals(
        List.of(1.0 / 3, 1.0 / 3, 1.0 / 3),
        ExposureRecorder.normalizedWeights(
            List.of(
                new Variation("a", 0, null),
                new Variation("b", 0, null),
                new Variation("c", 0, null))));
  }
}
