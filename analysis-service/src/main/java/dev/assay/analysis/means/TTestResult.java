package dev.assay.analysis.means;

import dev.assay.analysis.inference.Interval;
import java.util.Optional;

/**
 * Outcome of a two-sample t-test; differences are treatment minus control.
 *
 * @param statistic the t statistic
 * @param degreesOfFreedom Welch-Satterthwaite or pooled degrees of freedom
 * @param pValue p-value for the requested alternative
 * @param difference treatment mean minus control mean
 * @param standardError standard error of the difference
 * @param differenceInterval two-sided t interval of the difference
 * @param relativeLift treatment / control - 1 with its delta-method interval; empty when the
 *     control mean is 0
 * @param control control summary
 * @param treatment treatment summary
 */
public record TTestResult(
    double statistic,
    double degreesOfFreedom,
    double pValue,
    double difference,
    double standardError,
    Interval differenceInterval,
    Optional<RelativeLift> relativeLift,
    SampleSummary control,
    SampleSummary treatment) {}
