package dev.assay.analysis.ranks;

/** How the Mann-Whitney p-value is computed. */
public enum MannWhitneyMethod {
  /** Exact null distribution of U (no ties, small samples). */
  EXACT,
  /** Normal approximation with tie correction and optional continuity correction. */
  ASYMPTOTIC
}
