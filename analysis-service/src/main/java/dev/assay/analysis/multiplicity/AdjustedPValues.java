package dev.assay.analysis.multiplicity;

import java.util.List;

/**
 * Adjusted p-values and reject decisions, in the order of the input.
 *
 * @param adjusted adjusted p-values in [0, 1]
 * @param rejected whether each hypothesis is rejected
 */
public record AdjustedPValues(List<Double> adjusted, List<Boolean> rejected) {
  /** Copies the lists. */
  public AdjustedPValues {
    adjusted = List.copyOf(adjusted);
    rejected = List.copyOf(rejected);
  }
}
