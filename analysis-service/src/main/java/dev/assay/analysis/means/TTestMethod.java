package dev.assay.analysis.means;

/** Whether a two-sample t-test assumes equal variances. */
public enum TTestMethod {
  /** Unequal variances; Welch-Satterthwaite degrees of freedom. */
  WELCH,
  /** Equal variances; pooled variance, n1 + n2 - 2 degrees of freedom. */
  STUDENT
}
