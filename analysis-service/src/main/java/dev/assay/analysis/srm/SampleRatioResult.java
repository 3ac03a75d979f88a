package dev.assay.analysis.srm;

import java.util.List;

/**
 * Outcome of a sample-ratio-mismatch check.
 *
 * @param statistic chi-square goodness-of-fit statistic
 * @param degreesOfFreedom arms - 1
 * @param pValue upper-tail p-value
 * @param isMismatch whether the p-value is below the threshold
 * @param expectedCounts expected units per arm
 */
public record SampleRatioResult(
    double statistic,
    long degreesOfFreedom,
    double pValue,
    boolean isMismatch,
    List<Double> expectedCounts) {
  /** Copies the list. */
  public SampleRatioResult {
    expectedCounts = List.copyOf(expectedCounts);
  }
}
