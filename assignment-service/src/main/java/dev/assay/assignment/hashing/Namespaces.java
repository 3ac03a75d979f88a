package dev.assay.assignment.hashing;

/** Interim copy; replaced by the growthbook branch. */
public final class Namespaces {
  private Namespaces() {}

  public static boolean contains(String hashValue, String namespaceId, double start, double end) {
    double n = GrowthBookHash.hash("__" + namespaceId, hashValue, 1);
    return n >= start && n < end;
  }
}
