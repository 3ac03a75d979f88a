package dev.assay.runtime.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assay.runtime.testing.Gen.Weighted;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Generators are deterministic for a seed, and their combinators keep their bounds. */
class GenTest {
  private static final Gen<List<String>> COMPOSITE = Hostile.strings().list(0, 5);

  @Test
  void theSameSeedGivesTheSameValues() {
    assertEquals(sample(COMPOSITE, 7, 200), sample(COMPOSITE, 7, 200));
    assertEquals(sample(Hostile.doubles(), 7, 200), sample(Hostile.doubles(), 7, 200));
  }

  @Test
  void anotherSeedGivesOtherValues() {
    assertNotEquals(sample(COMPOSITE, 7, 200), sample(COMPOSITE, 8, 200));
  }

  @Test
  void aSampleDoesNotDependOnHowMuchTheOnesBeforeItDrew() {
    Gen<Long> firstDraw = SplittableRandom::nextLong;
    Gen<Long> firstDrawThenMore =
        random -> {
          long first = random.nextLong();
          int more = random.nextInt(100);
          for (int i = 0; i < more; i++) {
            random.nextLong();
          }
          return first;
        };
    assertEquals(sample(firstDraw, 3, 50), sample(firstDrawThenMore, 3, 50));
  }

  @Test
  void filterKeepsOnlyWantedValues() {
    List<Integer> evens = sample(Gens.ints(0, 100).filter(v -> v % 2 == 0), 1, 500);
    assertTrue(evens.stream().allMatch(v -> v % 2 == 0), evens.toString());
  }

  @Test
  void filterGivesUpAfterABoundedNumberOfMisses() {
    AtomicInteger tested = new AtomicInteger();
    Gen<Integer> impossible =
        Gens.ints(0, 10)
            .filter(
                v -> {
                  tested.incrementAndGet();
                  return v > 10;
                });

    IllegalStateException error =
        assertThrows(IllegalStateException.class, () -> impossible.next(new SplittableRandom(1)));

    assertEquals(Gen.MAX_FILTER_MISSES, tested.get());
    assertTrue(
        error.getMessage().contains(String.valueOf(Gen.MAX_FILTER_MISSES)), error.toString());
  }

  @Test
  void listsKeepToTheirSizeBoundsAndReachBoth() {
    Set<Integer> sizes =
        sample(Gens.ints(0, 9).list(2, 5), 1, 500).stream()
            .map(List::size)
            .collect(Collectors.toSet());
    assertEquals(Set.of(2, 3, 4, 5), sizes);
  }

  @Test
  void arraysHaveTheRequestedTypeAndSize() {
    String[] values = Gen.of("a", "b").array(String[]::new, 3, 3).next(new SplittableRandom(1));
    assertEquals(3, values.length);
  }

  @Test
  void oneOfReachesEveryGenerator() {
    Gen<String> gen = Gen.oneOf(Gen.constant("a"), Gen.constant("b"), Gen.constant("c"));
    assertEquals(Set.of("a", "b", "c"), Set.copyOf(sample(gen, 1, 300)));
  }

  @Test
  void frequencyFollowsTheWeights() {
    Gen<String> gen =
        Gen.frequency(
            Weighted.of(1, Gen.constant("rare")),
            Weighted.of(3, Gen.constant("common")),
            Weighted.of(0, Gen.constant("never")));
    List<String> values = sample(gen, 1, 4_000);
    long common = values.stream().filter("common"::equals).count();
    assertTrue(common > 2_800 && common < 3_200, common + " of 4000 common, expected about 3000");
    assertFalse(values.contains("never"));
  }

  @Test
  void combineDrawsFromEachGeneratorInOrder() {
    Gen<String> gen =
        Gen.combine(Gen.constant("a"), Gen.constant(1), Gen.constant('c'), (a, b, c) -> a + b + c);
    assertEquals("a1c", gen.next(new SplittableRandom(1)));
    assertArrayEquals(
        new Object[] {"x", 2},
        Gen.combine(Gen.constant("x"), Gen.constant(2), (a, b) -> new Object[] {a, b})
            .next(new SplittableRandom(1)));
  }

  @Test
  void choosingFromNothingIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> Gen.of(List.of()));
    assertThrows(
        IllegalArgumentException.class, () -> Gen.frequency(Weighted.of(0, Gen.constant(1))));
    assertThrows(IllegalArgumentException.class, () -> Weighted.of(-1, Gen.constant(1)));
  }

  private static <T> List<T> sample(Gen<T> gen, long seed, int count) {
    return gen.samples(seed).limit(count).toList();
  }
}
