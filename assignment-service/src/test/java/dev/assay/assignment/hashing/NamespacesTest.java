package dev.assay.assignment.hashing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class NamespacesTest {

  static Stream<Arguments> sdkNamespaces() {
    return GrowthBookVectors.list("buckets.json", "namespaces").stream()
        .map(c -> (Map<?, ?>) c)
        .map(
            c ->
                Arguments.of(
                    c.get("hashValue"),
                    c.get("id"),
                    GrowthBookVectors.number(c.get("start")),
                    GrowthBookVectors.number(c.get("end")),
                    c.get("inNamespace")));
  }

  @ParameterizedTest(name = "[{index}] {1} [{2}, {3})")
  @MethodSource("sdkNamespaces")
  void containsMatchesInNamespace(
      String hashValue, String id, double start, double end, boolean expected) {
    assertEquals(expected, Namespaces.contains(hashValue, id, start, end));
  }

  @Test
  void disjointSlicesNeverShareAUnit() {
    Random random = new Random(5L);
    for (int i = 0; i < 10_000; i++) {
      String unit = Long.toString(random.nextLong(), 36);
      boolean inFirst = Namespaces.contains(unit, "pricing", 0, 0.4);
      boolean inSecond = Namespaces.contains(unit, "pricing", 0.4, 1);
      assertEquals(!inFirst, inSecond, unit);
    }
  }

  @Test
  void isTheVersionOneHashOfTheUnitUnderThePrefixedId() {
    double n = GrowthBookHash.hash("__pricing", "user-1", 1);
    assertEquals(true, Namespaces.contains("user-1", "pricing", n, n + 0.001));
    assertFalse(Namespaces.contains("user-1", "pricing", 0, n));
  }
}
