package dev.assay.assignment.definitions;

/** A half-open interval [start, end) of the hash bucket space [0, 1]. */
public record Range(double start, double end) {
  /** Its length. */
  public double width() {
    return end - start;
  }
}
