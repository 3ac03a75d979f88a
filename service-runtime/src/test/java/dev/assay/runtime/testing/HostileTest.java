package dev.assay.runtime.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The hostile generators produce every edge value and every kind of hostile random value. */
class HostileTest {
  @Test
  void doublesIncludeEveryEdgeValueAndRandomFiniteOnes() {
    List<Double> values = Hostile.doubles().samples(1).limit(2_000).toList();
    Set<Long> seen = values.stream().map(Double::doubleToLongBits).collect(Collectors.toSet());
    for (double edge : Hostile.EDGE_DOUBLES) {
      assertTrue(seen.contains(Double.doubleToLongBits(edge)), "never generated " + edge);
    }
    assertTrue(values.stream().filter(v -> !Hostile.EDGE_DOUBLES.contains(v)).count() > 500);
  }

  @Test
  void finiteDoublesAreFiniteAndOfEveryMagnitude() {
    List<Double> values = Hostile.finiteDoubles().samples(1).limit(2_000).toList();
    assertTrue(values.stream().allMatch(Double::isFinite));
    assertTrue(values.stream().anyMatch(v -> Math.abs(v) > 1e100));
    assertTrue(values.stream().anyMatch(v -> v != 0 && Math.abs(v) < 1e-100));
    assertTrue(values.stream().anyMatch(v -> Math.abs(v) > 1 && Math.abs(v) < 1_000));
  }

  @Test
  void longsIncludeEveryEdgeValue() {
    Set<Long> seen = Set.copyOf(Hostile.longs().samples(1).limit(2_000).toList());
    assertTrue(seen.containsAll(Hostile.EDGE_LONGS));
  }

  @Test
  void stringsIncludeEveryEdgeStringAndShortRandomHostileOnes() {
    List<String> values = Hostile.strings().samples(1).limit(4_000).toList();
    assertTrue(Set.copyOf(values).containsAll(Hostile.EDGE_STRINGS));

    List<String> random = values.stream().filter(s -> !Hostile.EDGE_STRINGS.contains(s)).toList();
    assertTrue(random.stream().allMatch(s -> s.length() <= 64));
    assertTrue(random.stream().anyMatch(HostileTest::hasLoneSurrogate));
    assertTrue(random.stream().anyMatch(s -> s.chars().anyMatch(c -> c < 0x20)));
    assertTrue(random.stream().anyMatch(s -> s.codePoints().anyMatch(c -> c > 0xFFFF)));
  }

  @Test
  void edgeStringsHaveEachKind() {
    List<String> edges = Hostile.EDGE_STRINGS;
    assertTrue(edges.contains(""));
    assertTrue(edges.stream().filter(s -> s.length() >= 100_000).count() >= 2);
    assertTrue(edges.stream().anyMatch(HostileTest::hasLoneSurrogate));
    assertTrue(edges.stream().anyMatch(s -> s.codePoints().anyMatch(c -> c > 0xFFFF)));
    assertTrue(edges.stream().anyMatch(s -> s.chars().anyMatch(Character::isISOControl)));
  }

  private static boolean hasLoneSurrogate(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c)
          && (i + 1 == text.length() || !Character.isLowSurrogate(text.charAt(i + 1)))) {
        return true;
      }
      if (Character.isLowSurrogate(c)
          && (i == 0 || !Character.isHighSurrogate(text.charAt(i - 1)))) {
        return true;
      }
      if (Character.isHighSurrogate(c)) {
        i++; // skip the low half of a pair
      }
    }
    return false;
  }
}
