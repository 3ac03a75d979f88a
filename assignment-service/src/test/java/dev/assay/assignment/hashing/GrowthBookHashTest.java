package dev.assay.assignment.hashing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class GrowthBookHashTest {

  static Stream<Arguments> sdkHashes() {
    List<Object> cases = GrowthBookVectors.list("hash.json", "cases");
    return cases.stream()
        .map(c -> (Map<?, ?>) c)
        .map(
            c ->
                Arguments.of(
                    c.get("seed"),
                    c.get("value"),
                    ((Number) c.get("version")).intValue(),
                    c.get("hash")));
  }

  @ParameterizedTest(name = "[{index}] version {2}")
  @MethodSource("sdkHashes")
  void matchesTheSdkBitForBit(String seed, String value, int version, Object expected) {
    double actual = GrowthBookHash.hash(seed, value, version);
    assertEquals(
        GrowthBookVectors.number(expected),
        actual,
        0.0,
        () -> "hash(" + seed + ", " + value + ", " + version + ")");
  }

  @Test
  void unknownVersionsGiveNaN() {
    for (int version : new int[] {0, 3, -1, Integer.MAX_VALUE}) {
      assertTrue(Double.isNaN(GrowthBookHash.hash("seed", "unit", version)), "version " + version);
    }
  }

  @Test
  void hashesLieInTheUnitIntervalOnTheirGrid() {
    Random random = new Random(20261125L);
    for (int i = 0; i < 20_000; i++) {
      String seed = randomString(random);
      String value = randomString(random);
      double v1 = GrowthBookHash.hash(seed, value, 1);
      double v2 = GrowthBookHash.hash(seed, value, 2);
      assertTrue(v1 >= 0 && v1 < 1, () -> "v1 out of range: " + v1);
      assertTrue(v2 >= 0 && v2 < 1, () -> "v2 out of range: " + v2);
      assertEquals(Math.round(v1 * 1000) / 1000.0, v1, 0.0);
      assertEquals(Math.round(v2 * 10000) / 10000.0, v2, 0.0);
    }
  }

  @Test
  void equalsTheSpecFormulaOverConcatenatedStrings() {
    Random random = new Random(7L);
    for (int i = 0; i < 5_000; i++) {
      String seed = randomString(random);
      String value = randomString(random);
      assertEquals((fnv(value + seed) % 1000) / 1000.0, GrowthBookHash.hash(seed, value, 1), 0.0);
      assertEquals(
          (fnv(Long.toString(fnv(seed + value))) % 10000) / 10000.0,
          GrowthBookHash.hash(seed, value, 2),
          0.0);
    }
  }

  @Test
  void hashesUtf16CodeUnitsNotCodePoints() {
    // U+1F600 is two UTF-16 code units; hashing its code point as one unit would give another
    // value.
    String emoji = new String(Character.toChars(0x1F600));
    assertEquals(2, emoji.length());
    assertEquals((fnv(emoji + "s") % 1000) / 1000.0, GrowthBookHash.hash("s", emoji, 1), 0.0);
  }

  /** FNV-1a 32 over UTF-16 code units, written out with longs as in the GrowthBook docs. */
  private static long fnv(String s) {
    long h = 0x811c9dc5L;
    for (int i = 0; i < s.length(); i++) {
      h ^= s.charAt(i);
      h = (h * 16777619L) & 0xffffffffL;
    }
    return h;
  }

  private static String randomString(Random random) {
    StringBuilder s = new StringBuilder();
    int length = random.nextInt(20);
    for (int i = 0; i < length; i++) {
      s.append((char) (random.nextBoolean() ? 'a' + random.nextInt(26) : random.nextInt(0x10000)));
    }
    return s.toString();
  }
}
