package dev.assay.analysis.cuped;

import dev.assay.analysis.means.SampleSummary;
import dev.assay.analysis.means.TTestResult;

/**
 * Outcome of a CUPED-adjusted comparison.
 *
 * @param theta the regression coefficient cov(x, y) / var(x) on the pooled sample
 * @param control adjusted control summary (mean and variance of y - theta (x - mean x))
 * @param treatment adjusted treatment summary
 * @param varianceReduction 1 - Var(adjusted difference) / Var(unadjusted difference)
 * @param adjusted Welch t-test on the adjusted metric
 * @param unadjusted Welch t-test on the raw metric
 */
public record CupedResult(
    double theta,
    SampleSummary control,
    SampleSummary treatment,
    double varianceReduction,
    TTestResult adjusted,
    TTestResult unadjusted) {}
