package dev.assay.analysis.metrics;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * A metric definition (validated): which outcome events it reads and how results judge it.
 *
 * @param key unique key; outcome events name it
 * @param name display name
 * @param kind how events become a per-unit value
 * @param isDecreaseBetter true when lower values are improvements (latency, errors)
 * @param guardrailMargin tolerated degradation relative to control when used as a guardrail
 * @param attributionWindow events count only this long after the unit's first exposure; empty: no
 *     limit
 * @param cupedLookback when present, the unit's value over this period before its first exposure is
 *     the CUPED covariate
 * @param winsorizeCap per-unit values above it count as it (SUM, MEAN, COUNT)
 * @param numeratorMetric RATIO only: the metric summed per unit as numerator
 * @param denominatorMetric RATIO only: the metric summed per unit as denominator
 * @param version incremented on every update
 * @param updateTime when it last changed
 */
public record MetricDefinition(
    String key,
    String name,
    MetricKind kind,
    boolean isDecreaseBetter,
    OptionalDouble guardrailMargin,
    Optional<Duration> attributionWindow,
    Optional<Duration> cupedLookback,
    OptionalDouble winsorizeCap,
    Optional<String> numeratorMetric,
    Optional<String> denominatorMetric,
    long version,
    Instant updateTime) {}
