package dev.assay.analysis.experiment;

/** Verdict of a non-inferiority check at one-sided alpha. */
public enum GuardrailStatus {
  /** Shown not worse than the margin. */
  PASSED,
  /** Not enough data to tell. */
  INCONCLUSIVE,
  /** Shown worse than the margin. */
  BREACHED
}
