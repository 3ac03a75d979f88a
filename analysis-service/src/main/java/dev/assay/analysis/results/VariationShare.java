package dev.assay.analysis.results;

/**
 * Exposed units of one variation.
 *
 * @param index variation index
 * @param key variation key
 * @param units exposed units counted
 * @param expectedShare share expected from the weights in force at each exposure
 */
public record VariationShare(int index, String key, long units, double expectedShare) {}
