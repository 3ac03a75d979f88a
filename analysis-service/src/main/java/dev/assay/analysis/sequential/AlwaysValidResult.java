package dev.assay.analysis.sequential;

import dev.assay.analysis.inference.Interval;

/**
 * The always-valid inference at one look.
 *
 * @param likelihoodRatio the mixture likelihood ratio Lambda_n at this look
 * @param pValue always-valid p-value: min(1, 1 / Lambda) running-minimised over the looks so far
 * @param confidenceSequence the running intersection of the confidence sets so far
 * @param isRejected whether the p-value is at or below alpha
 */
public record AlwaysValidResult(
    double likelihoodRatio, double pValue, Interval confidenceSequence, boolean isRejected) {}
