package dev.assay.analysis.aggregates;

/**
 * Sufficient statistics of one metric over one variation's units: everything results need, updated
 * in O(1) per event. With y the unit's value (for RATIO the numerator's per-unit sum), d the
 * denominator's per-unit sum (RATIO only) and x the CUPED covariate (the unit's value before its
 * first exposure; 0 without CUPED):
 *
 * @param units units counted: every exposed unit, except for MEAN metrics (units with an event)
 * @param sum Σ y
 * @param sumSquares Σ y²
 * @param denominatorSum Σ d
 * @param denominatorSumSquares Σ d²
 * @param crossSum Σ y·d
 * @param covariateSum Σ x
 * @param covariateSumSquares Σ x²
 * @param covariateCrossSum Σ x·y
 */
public record MetricMoments(
    long units,
    double sum,
    double sumSquares,
    double denominatorSum,
    double denominatorSumSquares,
    double crossSum,
    double covariateSum,
    double covariateSumSquares,
    double covariateCrossSum) {
  /** No units. */
  public static final MetricMoments EMPTY = new MetricMoments(0, 0, 0, 0, 0, 0, 0, 0, 0);

  /** The statistics of both groups of units together (they must not overlap). */
  public MetricMoments plus(MetricMoments other) {
    return new MetricMoments(
        units + other.units,
        sum + other.sum,
        sumSquares + other.sumSquares,
        denominatorSum + other.denominatorSum,
        denominatorSumSquares + other.denominatorSumSquares,
        crossSum + other.crossSum,
        covariateSum + other.covariateSum,
        covariateSumSquares + other.covariateSumSquares,
        covariateCrossSum + other.covariateCrossSum);
  }
}
