package dev.assay.analysis.results;

import dev.assay.analysis.aggregates.MetricMoments;
import dev.assay.analysis.cuped.PairedMoments;
import dev.assay.analysis.distributions.StudentT;
import dev.assay.analysis.inference.ConfidenceLevel;
import dev.assay.analysis.inference.Interval;
import dev.assay.analysis.means.SampleSummary;
import dev.assay.analysis.metrics.MetricKind;
import dev.assay.analysis.proportions.BinomialCounts;
import dev.assay.analysis.proportions.ProportionInterval;
import dev.assay.analysis.proportions.ProportionIntervalMethod;
import dev.assay.analysis.ratio.RatioMetricTest;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * One metric in one variation, from its sufficient statistics: the value, its interval and the
 * inputs of the existing tests. A figure that is undefined (no units, fewer than two, a zero
 * denominator) is empty.
 *
 * @param kind the metric's kind
 * @param units units counted
 * @param value mean, rate or ratio
 * @param valueInterval its 1 - alpha interval: t for means, Wilson for rates (statsmodels
 *     proportion_confint method='wilson'), delta-method normal for ratios
 * @param estimateVariance variance of the value's estimate (s²/n, p(1-p)/n, delta-method Var(R))
 * @param counts conversions out of units (CONVERSION)
 * @param summary count, mean, unbiased variance (every kind but RATIO; at least two units)
 * @param ratioMoments numerator y and denominator d per unit (RATIO; at least two units)
 * @param cupedMoments the value y and the pre-exposure covariate x per unit (at least two units)
 */
record GroupFigures(
    MetricKind kind,
    long units,
    OptionalDouble value,
    Optional<Interval> valueInterval,
    OptionalDouble estimateVariance,
    Optional<BinomialCounts> counts,
    Optional<SampleSummary> summary,
    Optional<PairedMoments> ratioMoments,
    Optional<PairedMoments> cupedMoments) {

  /**
   * The figures of {@code moments}; {@code exposedUnits} is the variation's units, which every kind
   * but MEAN counts (a unit without events has the value 0).
   */
  static GroupFigures of(
      MetricKind kind, MetricMoments moments, long exposedUnits, ConfidenceLevel level) {
    long n = kind == MetricKind.MEAN ? moments.units() : exposedUnits;
    if (n < 1) {
      return empty(kind, Math.max(0, n));
    }
    double meanY = moments.sum() / n;
    double varianceY = unbiasedVariance(n, moments.sum(), moments.sumSquares());
    Optional<SampleSummary> summary =
        n >= 2 ? Optional.of(new SampleSummary(n, meanY, varianceY)) : Optional.empty();
    Optional<PairedMoments> cuped =
        n >= 2
            ? Optional.of(
                new PairedMoments(
                    n,
                    meanY,
                    moments.covariateSum() / n,
                    varianceY,
                    unbiasedVariance(n, moments.covariateSum(), moments.covariateSumSquares()),
                    unbiasedCovariance(
                        n, moments.covariateSum(), moments.sum(), moments.covariateCrossSum())))
            : Optional.empty();
    return switch (kind) {
      case CONVERSION -> {
        long successes = Math.max(0, Math.min(n, Math.round(moments.sum())));
        BinomialCounts counts = new BinomialCounts(successes, n);
        yield new GroupFigures(
            kind,
            n,
            OptionalDouble.of(counts.rate()),
            Optional.of(ProportionInterval.of(counts, ProportionIntervalMethod.WILSON, level)),
            OptionalDouble.of(counts.varianceOfRate()),
            Optional.of(counts),
            summary,
            Optional.empty(),
            cuped);
      }
      case SUM, COUNT, MEAN -> {
        Optional<Interval> interval =
            summary.map(
                s ->
                    Interval.around(
                        s.mean(),
                        new StudentT(s.count() - 1.0).upperQuantile(level.tailProbability())
                            * Math.sqrt(s.varianceOfMean())));
        yield new GroupFigures(
            kind,
            n,
            OptionalDouble.of(meanY),
            interval,
            summary.isPresent()
                ? OptionalDouble.of(summary.get().varianceOfMean())
                : OptionalDouble.empty(),
            Optional.empty(),
            summary,
            Optional.empty(),
            cuped);
      }
      case RATIO -> ratio(moments, n, level);
    };
  }

  private static GroupFigures ratio(MetricMoments moments, long n, ConfidenceLevel level) {
    if (moments.denominatorSum() == 0.0) {
      return empty(MetricKind.RATIO, n);
    }
    double ratio = moments.sum() / moments.denominatorSum();
    if (n < 2) {
      return new GroupFigures(
          MetricKind.RATIO,
          n,
          OptionalDouble.of(ratio),
          Optional.empty(),
          OptionalDouble.empty(),
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          Optional.empty());
    }
    PairedMoments paired =
        new PairedMoments(
            n,
            moments.sum() / n,
            moments.denominatorSum() / n,
            unbiasedVariance(n, moments.sum(), moments.sumSquares()),
            unbiasedVariance(n, moments.denominatorSum(), moments.denominatorSumSquares()),
            unbiasedCovariance(n, moments.denominatorSum(), moments.sum(), moments.crossSum()));
    double variance = RatioMetricTest.variance(paired);
    return new GroupFigures(
        MetricKind.RATIO,
        n,
        OptionalDouble.of(ratio),
        Optional.of(Interval.around(ratio, level.normalCriticalValue() * Math.sqrt(variance))),
        OptionalDouble.of(variance),
        Optional.empty(),
        Optional.empty(),
        Optional.of(paired),
        Optional.empty());
  }

  private static GroupFigures empty(MetricKind kind, long n) {
    return new GroupFigures(
        kind,
        n,
        OptionalDouble.empty(),
        Optional.empty(),
        OptionalDouble.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty());
  }

  /** (Σy² - (Σy)²/n) / (n - 1), never negative (rounding can make it so). */
  static double unbiasedVariance(long n, double sum, double sumSquares) {
    if (n < 2) {
      return 0.0;
    }
    return Math.max(0.0, (sumSquares - sum * sum / n) / (n - 1));
  }

  /** (Σxy - Σx Σy / n) / (n - 1). */
  static double unbiasedCovariance(long n, double sumX, double sumY, double crossSum) {
    if (n < 2) {
      return 0.0;
    }
    return (crossSum - sumX * sumY / n) / (n - 1);
  }
}
