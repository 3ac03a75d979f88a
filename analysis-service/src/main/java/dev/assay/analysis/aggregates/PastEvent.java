package dev.assay.analysis.aggregates;

/**
 * One event of a unit's pre-exposure history.
 *
 * @param metricKey the metric the event was sent under
 * @param timeMillis when it happened
 * @param value its value
 */
record PastEvent(String metricKey, long timeMillis, double value) {}
