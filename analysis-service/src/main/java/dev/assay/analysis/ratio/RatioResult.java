package dev.assay.analysis.ratio;

import dev.assay.analysis.inference.Interval;
import dev.assay.analysis.means.RelativeLift;
import java.util.Optional;

/**
 * Outcome of a ratio-metric comparison; differences are treatment minus control.
 *
 * @param controlRatio control ratio of means
 * @param treatmentRatio treatment ratio of means
 * @param controlVariance delta-method variance of the control ratio
 * @param treatmentVariance delta-method variance of the treatment ratio
 * @param difference treatment ratio - control ratio
 * @param standardError standard error of the difference
 * @param statistic z statistic
 * @param pValue normal p-value for the alternative
 * @param differenceInterval normal interval of the difference
 * @param relativeLift relative lift with its interval; empty when the control ratio is 0
 */
public record RatioResult(
    double controlRatio,
    double treatmentRatio,
    double controlVariance,
    double treatmentVariance,
    double difference,
    double standardError,
    double statistic,
    double pValue,
    Interval differenceInterval,
    Optional<RelativeLift> relativeLift) {}
