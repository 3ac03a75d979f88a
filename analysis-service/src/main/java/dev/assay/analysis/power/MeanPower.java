package dev.assay.analysis.power;

import dev.assay.analysis.distributions.NoncentralT;
import dev.assay.analysis.distributions.StudentT;
import dev.assay.analysis.inference.Alternative;

/**
 * Power of a two-sample test of means with common standard deviation sigma, Cohen's d = effect /
 * sigma: either the exact noncentral t of statsmodels TTestIndPower (df = n1 + n2 - 2) or the
 * normal approximation of NormalIndPower.
 */
public record MeanPower(double standardDeviation, boolean isExactT, PowerDesign design)
    implements PowerFunction {
  @Override
  public double power(double controlSampleSize, double effect) {
    double d = standardizedEffect(effect);
    double nobs = design.effectiveSampleSize(controlSampleSize);
    if (!isExactT) {
      return NormalPower.power(d, nobs, design);
    }
    double df = controlSampleSize * (1.0 + design.allocationRatio()) - 2.0;
    double noncentrality = d * Math.sqrt(nobs);
    double critical = new StudentT(df).upperQuantile(design.tailAlpha());
    double power = 0.0;
    if (design.alternative() != Alternative.LESS) {
      power += NoncentralT.sf(critical, df, noncentrality);
    }
    if (design.alternative() != Alternative.GREATER) {
      power += NoncentralT.cdf(-critical, df, noncentrality);
    }
    return power;
  }

  @Override
  public double standardizedEffect(double effect) {
    return effect / standardDeviation;
  }

  @Override
  public double smallestEffect() {
    return Double.NEGATIVE_INFINITY;
  }

  @Override
  public double largestEffect() {
    return Double.POSITIVE_INFINITY;
  }

  @Override
  public double smallestSampleSize() {
    return isExactT ? 3.0 / (1.0 + design.allocationRatio()) : 0.0;
  }
}
