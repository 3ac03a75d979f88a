package dev.assay.analysis.proportions;

import dev.assay.analysis.inference.Interval;
import dev.assay.analysis.means.RelativeLift;
import java.util.Optional;

/**
 * Outcome of a two-proportion z-test; differences are treatment minus control.
 *
 * @param statistic z with the pooled standard error
 * @param pValue p-value for the alternative
 * @param controlRate control success rate
 * @param treatmentRate treatment success rate
 * @param difference treatment rate minus control rate
 * @param differenceInterval Wald interval with the unpooled standard error
 * @param relativeLift relative lift with its delta-method interval; empty when the control rate is
 *     0
 */
public record TwoProportionResult(
    double statistic,
    double pValue,
    double controlRate,
    double treatmentRate,
    double difference,
    Interval differenceInterval,
    Optional<RelativeLift> relativeLift) {}
