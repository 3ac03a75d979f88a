package dev.assay.analysis.power;

import dev.assay.analysis.distributions.StandardNormal;
import dev.assay.analysis.inference.Alternative;

/** Power of a z-test for a standardized effect; statsmodels stats.power.normal_power. */
final class NormalPower {
  private NormalPower() {}

  /** Power for standardized effect {@code d} with effective sample size {@code nobs}. */
  static double power(double d, double nobs, PowerDesign design) {
    double shift = d * Math.sqrt(nobs);
    double tail = design.tailAlpha();
    double power = 0.0;
    if (design.alternative() != Alternative.LESS) {
      power += StandardNormal.sf(StandardNormal.upperQuantile(tail) - shift);
    }
    if (design.alternative() != Alternative.GREATER) {
      power += StandardNormal.cdf(StandardNormal.quantile(tail) - shift);
    }
    return power;
  }
}
