package dev.assay.analysis.experiment;

/** What to do with an experiment. */
public enum Recommendation {
  /** Ship the recommended variant. */
  SHIP,
  /** Keep collecting data. */
  KEEP_RUNNING,
  /** Stop: no worthwhile improvement is possible, or only losses are significant. */
  STOP_NO_EFFECT,
  /** Stop: a guardrail is breached. */
  STOP_GUARDRAIL_BREACHED,
  /** Investigate the sample-ratio mismatch before deciding anything. */
  INVESTIGATE_SAMPLE_RATIO
}
