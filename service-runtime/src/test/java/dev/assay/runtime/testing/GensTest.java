package dev.assay.runtime.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Ranges keep to their bounds, reach them, and work across the whole of each type. */
class GensTest {
  @Test
  void intsStayInRangeAndReachBothBoundsAndZero() {
    List<Integer> values = sample(Gens.ints(-3, 1_000_000));
    assertTrue(values.stream().allMatch(v -> v >= -3 && v <= 1_000_000), values.toString());
    assertTrue(values.contains(-3) && values.contains(1_000_000) && values.contains(0));
  }

  @Test
  void longsWorkAtTheEdgesOfLong() {
    assertTrue(
        sample(Gens.longs(Long.MAX_VALUE - 1, Long.MAX_VALUE)).stream()
            .allMatch(v -> v >= Long.MAX_VALUE - 1));
    assertTrue(
        sample(Gens.longs(Long.MIN_VALUE, Long.MIN_VALUE)).stream()
            .allMatch(v -> v == Long.MIN_VALUE));
    List<Long> any = sample(Gens.longs(Long.MIN_VALUE, Long.MAX_VALUE));
    assertTrue(any.stream().anyMatch(v -> v < 0) && any.stream().anyMatch(v -> v > 0));
    assertTrue(sample(Gens.ints(Integer.MIN_VALUE, Integer.MAX_VALUE)).contains(Integer.MAX_VALUE));
  }

  @Test
  void doublesStayFiniteAndInRangeEvenAcrossAllDoubles() {
    List<Double> all = sample(Gens.doubles(-Double.MAX_VALUE, Double.MAX_VALUE));
    assertTrue(all.stream().allMatch(Double::isFinite), all.toString());
    assertTrue(all.contains(Double.MAX_VALUE) && all.contains(-Double.MAX_VALUE));

    List<Double> unit = sample(Gens.doubles(0.25, 0.5));
    assertTrue(unit.stream().allMatch(v -> v >= 0.25 && v <= 0.5), unit.toString());
    assertEquals(List.of(1.0, 1.0), Gens.doubles(1, 1).samples(1).limit(2).toList());
  }

  @Test
  void emptyOrInfiniteRangesAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> Gens.ints(2, 1));
    assertThrows(IllegalArgumentException.class, () -> Gens.doubles(0, Double.POSITIVE_INFINITY));
    assertThrows(IllegalArgumentException.class, () -> Gens.doubles(Double.NaN, 1));
  }

  @Test
  void bytesAndStringsKeepToTheirSizes() {
    assertTrue(
        sample(Gens.bytes(1, 200)).stream()
            .allMatch(bytes -> bytes.length >= 1 && bytes.length <= 200));
    List<String> ascii = sample(Gens.asciiStrings(0, 20));
    assertTrue(ascii.stream().allMatch(s -> s.length() <= 20 && s.chars().allMatch(c -> c < 128)));
    assertTrue(ascii.contains(""));
    assertTrue(
        sample(Gens.doubleArrays(Gens.doubles(0, 1), 3, 3)).stream()
            .allMatch(values -> values.length == 3));
  }

  private static <T> List<T> sample(Gen<T> gen) {
    return gen.samples(20261202L).limit(1_000).toList();
  }
}
