package dev.assay.analysis.power;

/** The power of a two-arm test as a function of the control sample size and the absolute effect. */
public interface PowerFunction {
  /** The design settings. */
  PowerDesign design();

  /**
   * Power with {@code controlSampleSize} control units and an absolute effect (treatment -
   * control).
   */
  double power(double controlSampleSize, double effect);

  /**
   * The standardized effect reported for {@code effect} (Cohen's h or d, or effect / SE *
   * sqrt(n1)).
   */
  double standardizedEffect(double effect);

  /**
   * Effects must lie strictly between this and {@link #largestEffect()} (e.g. rates stay in (0,
   * 1)).
   */
  double smallestEffect();

  /** Upper end of the effect range (exclusive). */
  double largestEffect();

  /** The smallest control sample size searched when solving (exclusive for the normal formulas). */
  default double smallestSampleSize() {
    return 0.0;
  }
}
