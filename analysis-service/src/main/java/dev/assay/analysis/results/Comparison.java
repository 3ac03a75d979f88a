package dev.assay.analysis.results;

import dev.assay.analysis.cuped.Cuped;
import dev.assay.analysis.cuped.CupedResult;
import dev.assay.analysis.inference.Alternative;
import dev.assay.analysis.inference.ConfidenceLevel;
import dev.assay.analysis.inference.Interval;
import dev.assay.analysis.means.RelativeLift;
import dev.assay.analysis.means.TTestMethod;
import dev.assay.analysis.means.TTestResult;
import dev.assay.analysis.means.TwoSampleTTest;
import dev.assay.analysis.metrics.MetricKind;
import dev.assay.analysis.proportions.TwoProportionResult;
import dev.assay.analysis.proportions.TwoProportionZTest;
import dev.assay.analysis.ratio.RatioMetricTest;
import dev.assay.analysis.ratio.RatioResult;
import java.util.Optional;

/**
 * The fixed-horizon comparison of one variation with control on one metric: Welch's t-test for
 * means (scipy.stats.ttest_ind, equal_var=False), the two-proportion z-test for rates (statsmodels
 * proportions_ztest; Wald interval of the difference), the delta-method z-test for ratios (Deng et
 * al., KDD 2018). Empty when the test is undefined (fewer than two units, no variance, a pooled
 * rate of 0 or 1, a zero denominator).
 *
 * @param difference variation minus control
 * @param standardError standard error of the difference (unpooled)
 * @param interval two-sided 1 - alpha interval of the difference
 * @param pValue two-sided p-value
 * @param relativeLift (variation - control) / |control| with its delta-method interval
 */
record Comparison(
    double difference,
    double standardError,
    Interval interval,
    double pValue,
    Optional<Estimate> relativeLift) {

  /** Compares {@code variant} with {@code control} (same kind). */
  static Optional<Comparison> of(
      GroupFigures control, GroupFigures variant, ConfidenceLevel level) {
    if (control.kind() == MetricKind.CONVERSION) {
      if (control.counts().isEmpty()
          || variant.counts().isEmpty()
          || TwoProportionZTest.isDegenerate(control.counts().get(), variant.counts().get())) {
        return Optional.empty();
      }
      TwoProportionResult r =
          TwoProportionZTest.test(
              control.counts().get(), variant.counts().get(), Alternative.TWO_SIDED, level);
      double standardError =
          Math.sqrt(
              control.counts().get().varianceOfRate() + variant.counts().get().varianceOfRate());
      return Optional.of(
          new Comparison(
              r.difference(),
              standardError,
              r.differenceInterval(),
              r.pValue(),
              relative(r.controlRate(), r.relativeLift())));
    }
    if (control.kind() == MetricKind.RATIO) {
      if (control.ratioMoments().isEmpty() || variant.ratioMoments().isEmpty()) {
        return Optional.empty();
      }
      double variance =
          RatioMetricTest.variance(control.ratioMoments().get())
              + RatioMetricTest.variance(variant.ratioMoments().get());
      if (!(variance > 0.0)) {
        return Optional.empty();
      }
      RatioResult r =
          RatioMetricTest.test(
              control.ratioMoments().get(),
              variant.ratioMoments().get(),
              Alternative.TWO_SIDED,
              level);
      return Optional.of(
          new Comparison(
              r.difference(),
              r.standardError(),
              r.differenceInterval(),
              r.pValue(),
              relative(r.controlRatio(), r.relativeLift())));
    }
    if (control.summary().isEmpty()
        || variant.summary().isEmpty()
        || !(control.summary().get().varianceOfMean() + variant.summary().get().varianceOfMean()
            > 0.0)) {
      return Optional.empty();
    }
    TTestResult r =
        TwoSampleTTest.test(
            control.summary().get(),
            variant.summary().get(),
            TTestMethod.WELCH,
            Alternative.TWO_SIDED,
            level);
    return Optional.of(
        new Comparison(
            r.difference(),
            r.standardError(),
            r.differenceInterval(),
            r.pValue(),
            relative(r.control().mean(), r.relativeLift())));
  }

  /**
   * The CUPED-adjusted comparison (Deng, Xu, Kohavi and Walker, WSDM 2013; theta pooled over both
   * groups, then Welch), when both groups have a non-constant covariate and the adjusted difference
   * has a variance.
   */
  static Optional<CupedEstimate> cuped(
      GroupFigures control, GroupFigures variant, ConfidenceLevel level) {
    if (control.kind() == MetricKind.RATIO
        || control.cupedMoments().isEmpty()
        || variant.cupedMoments().isEmpty()
        || Cuped.hasConstantCovariate(control.cupedMoments().get(), variant.cupedMoments().get())) {
      return Optional.empty();
    }
    CupedResult r;
    try {
      r =
          Cuped.test(
              control.cupedMoments().get(),
              variant.cupedMoments().get(),
              TTestMethod.WELCH,
              Alternative.TWO_SIDED,
              level);
    } catch (IllegalArgumentException e) {
      // One of the two t-tests has no variance: the adjustment is undefined.
      return Optional.empty();
    }
    double reduction = Math.max(0.0, Math.min(1.0, r.varianceReduction()));
    return Optional.of(
        new CupedEstimate(
            new Estimate(r.adjusted().difference(), r.adjusted().differenceInterval()),
            r.adjusted().pValue(),
            reduction));
  }

  /** RelativeLift is T/C - 1; the contract divides by |C|, so a negative control flips it. */
  private static Optional<Estimate> relative(double control, Optional<RelativeLift> lift) {
    return lift.filter(l -> Double.isFinite(l.estimate()) && Double.isFinite(l.standardError()))
        .map(
            l ->
                control > 0
                    ? new Estimate(l.estimate(), l.interval())
                    : new Estimate(
                        -l.estimate(), new Interval(-l.interval().upper(), -l.interval().lower())));
  }

  /** The estimate of the difference with its interval. */
  Estimate absoluteLift() {
    return new Estimate(difference, interval);
  }

  /** The variance of the difference, for the always-valid test. */
  double variance() {
    return standardError * standardError;
  }
}
