package dev.assay.analysis.power;

import dev.assay.analysis.inference.Alternative;

/**
 * The fixed settings of a power analysis.
 *
 * @param alpha significance level in (0, 1)
 * @param alternative the alternative hypothesis about treatment minus control
 * @param allocationRatio treatment units per control unit (statsmodels' ratio), > 0
 */
public record PowerDesign(double alpha, Alternative alternative, double allocationRatio) {
  /** Validates the settings; callers validate user input first. */
  public PowerDesign {
    if (!(alpha > 0 && alpha < 1) || !(allocationRatio > 0) || Double.isInfinite(allocationRatio)) {
      throw new IllegalArgumentException(
          "invalid design: alpha=" + alpha + " ratio=" + allocationRatio);
    }
  }

  /** The effective sample size 1 / (1/n1 + 1/n2) of statsmodels' two-sample power classes. */
  public double effectiveSampleSize(double controlSampleSize) {
    return 1.0 / (1.0 / controlSampleSize + 1.0 / (controlSampleSize * allocationRatio));
  }

  /** The tail probability of the critical value: alpha / 2 for two-sided tests, else alpha. */
  public double tailAlpha() {
    return alternative == Alternative.TWO_SIDED ? alpha / 2.0 : alpha;
  }
}
