package dev.assay.analysis.monitor;

/** What the monitor did. */
public enum MonitorActionKind {
  /** Stopped the experiment because a guardrail is breached. */
  STOPPED_GUARDRAIL_BREACH,
  /** Stopped the experiment: the primary metric is conclusive and the guardrails hold. */
  STOPPED_SUCCESS,
  /** Alerted: exposures do not match the configured weights. */
  ALERT_SAMPLE_RATIO_MISMATCH
}
