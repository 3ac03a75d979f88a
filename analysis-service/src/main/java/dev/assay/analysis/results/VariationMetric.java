package dev.assay.analysis.results;

import dev.assay.analysis.experiment.GuardrailStatus;
import dev.assay.analysis.inference.Interval;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * One metric in one variation. Every figure is finite; one that is undefined (too few units, no
 * variance, a zero control) is empty and the results' reasons say why. The comparison figures are
 * empty for control.
 *
 * @param index variation index
 * @param key variation key
 * @param units units counted
 * @param value mean per unit, rate or ratio
 * @param valueInterval its 1 - alpha interval
 * @param absoluteLift variation minus control
 * @param relativeLift (variation - control) / |control|
 * @param pValue fixed-horizon two-sided p-value
 * @param isPValueValid whether the planned sample size is reached
 * @param adjustedPValue Holm-adjusted across every metric × variation reported
 * @param alwaysValidPValue mixture-SPRT p-value
 * @param alwaysValidInterval mixture-SPRT 1 - alpha confidence interval of the absolute lift
 * @param chanceToBeatControl posterior probability of beating control in the better direction
 * @param expectedLoss expected loss of choosing the variation, in the metric's units
 * @param cuped the CUPED-adjusted comparison, when the metric has a covariate
 * @param guardrailStatus the verdict, for guardrail metrics
 */
public record VariationMetric(
    int index,
    String key,
    long units,
    OptionalDouble value,
    Optional<Interval> valueInterval,
    Optional<Estimate> absoluteLift,
    Optional<Estimate> relativeLift,
    OptionalDouble pValue,
    boolean isPValueValid,
    OptionalDouble adjustedPValue,
    OptionalDouble alwaysValidPValue,
    Optional<Interval> alwaysValidInterval,
    OptionalDouble chanceToBeatControl,
    OptionalDouble expectedLoss,
    Optional<CupedEstimate> cuped,
    Optional<GuardrailStatus> guardrailStatus) {

  /** The same result with the adjusted p-value set. */
  VariationMetric withAdjustedPValue(double adjusted) {
    return new VariationMetric(
        index,
        key,
        units,
        value,
        valueInterval,
        absoluteLift,
        relativeLift,
        pValue,
        isPValueValid,
        OptionalDouble.of(adjusted),
        alwaysValidPValue,
        alwaysValidInterval,
        chanceToBeatControl,
        expectedLoss,
        cuped,
        guardrailStatus);
  }
}
