package dev.assay.analysis.multiplicity;

/** Multiple-testing corrections (statsmodels multipletests method names in parentheses). */
public enum CorrectionMethod {
  /** Bonferroni ('bonferroni'). */
  BONFERRONI,
  /** Holm step-down ('holm'). */
  HOLM,
  /** Benjamini-Hochberg false discovery rate ('fdr_bh'). */
  BENJAMINI_HOCHBERG
}
