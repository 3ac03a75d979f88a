package dev.assay.analysis.results;

import dev.assay.analysis.inference.Interval;

/**
 * A point estimate with its two-sided interval.
 *
 * @param estimate the estimate
 * @param interval its interval
 */
public record Estimate(double estimate, Interval interval) {}
