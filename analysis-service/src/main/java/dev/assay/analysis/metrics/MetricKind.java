package dev.assay.analysis.metrics;

/** How a metric turns a unit's outcome events into one value per unit (see metric.proto). */
public enum MetricKind {
  /** 1 when the unit has at least one event, else 0. */
  CONVERSION,
  /** Sum of the unit's event values; units without events count as 0. */
  SUM,
  /** Mean of the unit's event values; only units with events count. */
  MEAN,
  /** Number of the unit's events; units without events count as 0. */
  COUNT,
  /** Per-unit sum of the numerator metric over per-unit sum of the denominator metric. */
  RATIO
}
