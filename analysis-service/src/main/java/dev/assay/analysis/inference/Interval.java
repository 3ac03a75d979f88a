package dev.assay.analysis.inference;

/** A closed interval [lower, upper]. */
public record Interval(double lower, double upper) {
  /** The interval estimate ± halfWidth. */
  public static Interval around(double estimate, double halfWidth) {
    return new Interval(estimate - halfWidth, estimate + halfWidth);
  }

  /** The width upper - lower. */
  public double width() {
    return upper - lower;
  }
}
