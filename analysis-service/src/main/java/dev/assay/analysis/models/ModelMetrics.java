package dev.assay.analysis.models;

/**
 * Accuracy and latency of one variant.
 *
 * @param name variant name
 * @param count records
 * @param meanSquaredError mean of (prediction - actual)^2
 * @param meanAbsoluteError mean of |prediction - actual|
 * @param rSquared 1 - SS_res / SS_tot
 * @param latencyP50 median latency
 * @param latencyP95 95th percentile latency
 * @param latencyP99 99th percentile latency
 * @param latencyWorsePValue one-sided Mann-Whitney p-value that latency is worse than the
 *     baseline's
 * @param isLatencyWorse whether that p-value is below alpha
 */
public record ModelMetrics(
    String name,
    long count,
    double meanSquaredError,
    double meanAbsoluteError,
    double rSquared,
    double latencyP50,
    double latencyP95,
    double latencyP99,
    double latencyWorsePValue,
    boolean isLatencyWorse) {}
