package dev.assay.assignment.exposures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assay.assignment.definitions.Variation;
import java.util.ArrayList;
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
  void aFullBucketGivesUpOnePairAndForgettingOneKeepsTheOthers() {
    SeenExposures seen = new SeenExposures(8); // one bucket: every pair shares it
    List<Long> hashes = new ArrayList<>();
    for (int i = 0; i < 9; i++) {
      hashes.add(SeenExposures.hash("checkout", "user-" + i));
    }
    hashes.subList(0, 8).forEach(seen::add);
    assertTrue(hashes.subList(0, 8).stream().allMatch(seen::contains), "eight fit");

    seen.add(hashes.get(8));

    assertTrue(seen.contains(hashes.get(8)));
    assertEquals(7, hashes.subList(0, 8).stream().filter(seen::contains).count(), "one left");
    long kept = hashes.subList(0, 8).stream().filter(seen::contains).findFirst().orElseThrow();
    seen.forget(kept);
    assertFalse(seen.contains(kept));
    assertTrue(seen.contains(hashes.get(8)), "forgetting one pair keeps the others");
  }

  @Test
  void unitsEvaluatedOverAndOverAreAlmostNeverRecordedAgain() {
    // 10,000 units in 8 experiments, evaluated in 20 passes, in the production-size table: pairs
    // that shared a single slot would push each other out and be re-recorded on every pass.
    SeenExposures seen = new SeenExposures(ExposureRecorder.SEEN_SLOTS);
    int recorded = 0;
    for (int pass = 0; pass < 20; pass++) {
      for (int unit = 0; unit < 10_000; unit++) {
        for (int experiment = 0; experiment < 8; experiment++) {
          long hash = SeenExposures.hash("exp-" + experiment, "user-" + unit);
          if (!seen.contains(hash)) {
            seen.add(hash);
            recorded++;
          }
        }
      }
    }
    // Single slots re-record about 6,000 a pass here; eight ways, none.
    assertTrue(recorded <= 80_000 + 8, "recorded " + recorded + " for 80,000 pairs");
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
