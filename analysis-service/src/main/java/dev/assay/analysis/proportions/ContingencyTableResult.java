package dev.assay.analysis.proportions;

import java.util.List;

/**
 * Outcome of a chi-square test of independence.
 *
 * @param statistic Pearson chi-square statistic
 * @param degreesOfFreedom (rows - 1)(columns - 1)
 * @param pValue upper-tail p-value
 * @param expected expected counts under independence
 */
public record ContingencyTableResult(
    double statistic, long degreesOfFreedom, double pValue, List<List<Double>> expected) {
  /** Copies the rows. */
  public ContingencyTableResult {
    expected = expected.stream().map(List::copyOf).toList();
  }
}
