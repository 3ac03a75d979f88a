package dev.assay.analysis.results;

/**
 * A CUPED-adjusted comparison.
 *
 * @param absoluteLift adjusted variation minus control with its interval
 * @param pValue two-sided Welch p-value of the adjusted lift
 * @param varianceReduction share of the lift's variance removed, in [0, 1]
 */
public record CupedEstimate(Estimate absoluteLift, double pValue, double varianceReduction) {}
