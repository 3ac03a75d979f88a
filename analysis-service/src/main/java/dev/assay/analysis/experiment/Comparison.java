package dev.assay.analysis.experiment;

import dev.assay.analysis.inference.Interval;

/**
 * One metric of one variant against control.
 *
 * @param metricName metric name
 * @param controlValue control rate or mean
 * @param variantValue variant rate or mean
 * @param difference variant - control
 * @param interval two-sided interval of the difference
 * @param pValue two-sided p-value
 * @param adjustedPValue p-value after correction across variants
 * @param isSignificant adjusted p-value below alpha
 */
public record Comparison(
    String metricName,
    double controlValue,
    double variantValue,
    double difference,
    Interval interval,
    double pValue,
    double adjustedPValue,
    boolean isSignificant) {}
