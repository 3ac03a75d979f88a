package dev.assay.analysis.sequential;

/**
 * One interim look at a running experiment: the estimated difference treatment - control and its
 * variance, from the cumulative data at that time.
 *
 * @param difference estimated treatment - control
 * @param variance variance of the estimate (> 0)
 */
public record Look(double difference, double variance) {}
