package dev.assay.analysis.aggregates;

/** Which exposed units an aggregate counts. */
public enum Cohort {
  /** Units whose variation the hash chose: what results count by default. */
  ASSIGNED,
  /** Units whose variation a per-unit override chose. */
  OVERRIDDEN
}
