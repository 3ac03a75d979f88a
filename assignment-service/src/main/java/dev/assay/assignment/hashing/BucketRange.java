package dev.assay.assignment.hashing;

/**
 * The half-open interval [start, end) of hash values that one variation receives.
 *
 * <p>Ranges built from invalid input (a NaN coverage or weight, negative weights that still sum to
 * about 1) are kept as the GrowthBook SDK builds them, so they may be empty or inverted.
 *
 * @param start inclusive lower bound
 * @param end exclusive upper bound
 */
public record BucketRange(double start, double end) {

  /**
   * GrowthBook's {@code inRange}: {@code start <= n && n < end}; false whenever NaN is involved.
   */
  public boolean contains(double n) {
    return n >= start && n < end;
  }

  /** The share of all units this range receives ({@code end - start}). */
  public double width() {
    return end - start;
  }
}
