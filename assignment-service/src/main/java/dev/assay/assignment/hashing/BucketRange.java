package dev.assay.assignment.hashing;

/** Interim copy; replaced by the growthbook branch. */
public record BucketRange(double start, double end) {
  public boolean contains(double n) {
    return n >= start && n < end;
  }
}
