package dev.assay.assignment.hashing;

/**
 * The GrowthBook SDK hash that maps a (seed, unit) pair to a number in [0, 1).
 *
 * <p>Source: GrowthBook JS SDK {@code util.ts} {@code hash()} (pinned vectors from
 * {@code @growthbook/growthbook} 1.8.0 in {@code src/test/resources/growthbook/hash.json}). Both
 * versions use 32-bit FNV-1a over UTF-16 code units, exactly like JavaScript's {@code charCodeAt}:
 *
 * <ul>
 *   <li>version 1: {@code (fnv1a32(value + seed) % 1000) / 1000} (coarse and slightly biased; kept
 *       for compatibility);
 *   <li>version 2: {@code (fnv1a32(decimal(fnv1a32(seed + value))) % 10000) / 10000}.
 * </ul>
 *
 * <p>The implementation hashes the two strings in one pass without concatenating them and never
 * allocates.
 */
public final class GrowthBookHash {
  static final int FNV_OFFSET_BASIS = 0x811c9dc5;
  private static final int FNV_PRIME = 16777619;

  private GrowthBookHash() {}

  /**
   * Returns the GrowthBook hash of {@code value} under {@code seed}, a double in [0, 1).
   *
   * @param seed the experiment seed (GrowthBook uses the experiment key when no seed is set)
   * @param value the hash attribute's value as a JavaScript string (see {@code
   *     JsValues.toJsString})
   * @param version 1 or 2
   * @return the hash, or {@link Double#NaN} for any other version (the SDK returns {@code null},
   *     and a run with an unknown hash version puts nobody in the experiment); definitions with an
   *     unknown version should be rejected before they reach this method
   */
  public static double hash(String seed, String value, int version) {
    if (version == 2) {
      long first = fnv1a32(fnv1a32(FNV_OFFSET_BASIS, seed), value) & 0xffffffffL;
      long second = fnv1a32Decimal(first) & 0xffffffffL;
      return (second % 10000) / 10000.0;
    }
    if (version == 1) {
      long h = fnv1a32(fnv1a32(FNV_OFFSET_BASIS, value), seed) & 0xffffffffL;
      return (h % 1000) / 1000.0;
    }
    return Double.NaN;
  }

  /**
   * Version 1 over {@code value + seedPrefix + seed}, for callers that would otherwise concatenate.
   */
  static double hashV1(String value, String seedPrefix, String seed) {
    long h = fnv1a32(fnv1a32(fnv1a32(FNV_OFFSET_BASIS, value), seedPrefix), seed) & 0xffffffffL;
    return (h % 1000) / 1000.0;
  }

  /** Continues an FNV-1a 32 hash (as a signed int) over the UTF-16 code units of {@code s}. */
  static int fnv1a32(int hval, String s) {
    int h = hval;
    for (int i = 0, n = s.length(); i < n; i++) {
      h ^= s.charAt(i);
      h *= FNV_PRIME;
    }
    return h;
  }

  /** FNV-1a of the decimal digits of a non-negative number, without building the string. */
  private static int fnv1a32Decimal(long n) {
    long divisor = 1;
    while (divisor <= n / 10) {
      divisor *= 10;
    }
    int h = FNV_OFFSET_BASIS;
    for (; divisor > 0; divisor /= 10) {
      h ^= '0' + (int) (n / divisor % 10);
      h *= FNV_PRIME;
    }
    return h;
  }
}
