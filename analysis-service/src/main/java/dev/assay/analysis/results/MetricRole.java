package dev.assay.analysis.results;

/** The role of a metric in an experiment's analysis plan. */
public enum MetricRole {
  /** The metric the decision is made on. */
  PRIMARY,
  /** Must not degrade beyond its margin. */
  GUARDRAIL,
  /** Reported only. */
  SECONDARY
}
