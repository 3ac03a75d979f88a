package dev.assay.analysis.outcomes;

import java.time.Instant;

/**
 * Something a unit did, measured by one metric (validated).
 *
 * @param eventId the sender's unique id; a replay with the same id counts once
 * @param unitId the unit
 * @param metricKey the metric whose events these are
 * @param value the value, finite, |value| <= 1e15
 * @param time when it happened
 */
public record OutcomeEvent(
    String eventId, String unitId, String metricKey, double value, Instant time) {}
