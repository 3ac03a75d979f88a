package dev.assay.analysis.sequential;

/**
 * The efficacy boundary at one planned look.
 *
 * @param informationFraction share of the final information at this look, in (0, 1]
 * @param criticalValue reject when the z statistic reaches it (|z| for two-sided designs)
 * @param nominalPValue the p-value at the boundary: reject when the look's fixed-sample p-value is
 *     at or below it
 * @param cumulativeAlphaSpent alpha spent up to and including this look
 */
public record Boundary(
    double informationFraction,
    double criticalValue,
    double nominalPValue,
    double cumulativeAlphaSpent) {}
