package dev.assay.analysis.power;

/**
 * A complete design: the solved quantity together with the given ones.
 *
 * @param controlSampleSize unrounded control units
 * @param treatmentSampleSize unrounded treatment units
 * @param power power of the design
 * @param effect absolute minimum detectable effect
 * @param standardizedEffect the effect on the formula's standardized scale
 */
public record PowerSolution(
    double controlSampleSize,
    double treatmentSampleSize,
    double power,
    double effect,
    double standardizedEffect) {
  /** Control units rounded up (ignoring float noise of 1e-9 units). */
  public long controlUnits() {
    return roundUp(controlSampleSize);
  }

  /** Treatment units rounded up. */
  public long treatmentUnits() {
    return roundUp(treatmentSampleSize);
  }

  /** Days to enrol both arms at {@code dailyUnits} units per day, rounded up. */
  public long durationDays(double dailyUnits) {
    return (long) Math.ceil((controlUnits() + treatmentUnits()) / dailyUnits);
  }

  private static long roundUp(double units) {
    return (long) Math.ceil(units - 1e-9);
  }
}
