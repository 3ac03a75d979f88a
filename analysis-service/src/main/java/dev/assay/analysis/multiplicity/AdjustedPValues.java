package dev.assay.analysis.multiplicity;

/**
 * Adjusted p-values and reject decisions, in the order of the input.
 *
 * @param adjusted adjusted p-values in [0, 1]
 * @param rejected whether each hypothesis is rejected
 */
public record AdjustedPValues(double[] adjusted, boolean[] rejected) {}
