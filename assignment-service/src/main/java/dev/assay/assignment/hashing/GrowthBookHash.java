package dev.assay.assignment.hashing;

/** Interim copy; replaced by the conformance-tested version from the growthbook branch. */
public final class GrowthBookHash {
  private GrowthBookHash() {}

  public static double hash(String seed, String value, int version) {
    if (version == 2) {
      long h = fnv(Long.toString(fnv(seed + value)));
      return (h % 10000) / 10000.0;
    }
    if (version == 1) {
      return (fnv(value + seed) % 1000) / 1000.0;
    }
    return Double.NaN;
  }

  private static long fnv(String s) {
    long h = 0x811c9dc5L;
    for (int i = 0; i < s.length(); i++) {
      h ^= s.charAt(i);
      h = (h * 0x01000193L) & 0xffffffffL;
    }
    return h;
  }
}
