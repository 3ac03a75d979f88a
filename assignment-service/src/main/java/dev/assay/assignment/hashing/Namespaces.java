package dev.assay.assignment.hashing;

/**
 * Mutual exclusion between experiments: experiments that share a namespace id and take disjoint
 * [start, end) slices of it never share a unit.
 *
 * <p>Source: GrowthBook JS SDK {@code util.ts} {@code inNamespace}: the unit's position in the
 * namespace is {@code hash("__" + namespaceId, hashValue, 1)}, independent of every experiment
 * seed.
 */
public final class Namespaces {
  private Namespaces() {}

  /**
   * Returns whether the unit whose hash attribute is {@code hashValue} falls in the slice [start,
   * end) of namespace {@code namespaceId}.
   */
  public static boolean contains(String hashValue, String namespaceId, double start, double end) {
    double n = GrowthBookHash.hashV1(hashValue, "__", namespaceId);
    return n >= start && n < end;
  }
}
