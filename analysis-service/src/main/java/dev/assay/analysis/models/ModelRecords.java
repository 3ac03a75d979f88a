package dev.assay.analysis.models;

/**
 * Per-request records of one model variant, as parallel arrays of equal length.
 *
 * @param name variant name
 * @param predictions predictions
 * @param actuals observed outcomes
 * @param latenciesMillis serving latencies
 */
@SuppressWarnings("ArrayRecordComponent") // whole samples stay unboxed; never compared or hashed
public record ModelRecords(
    String name, double[] predictions, double[] actuals, double[] latenciesMillis) {}
