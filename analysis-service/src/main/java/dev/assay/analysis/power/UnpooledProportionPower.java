package dev.assay.analysis.power;

import dev.assay.analysis.distributions.StandardNormal;

/**
 * Power of a two-proportion test by the unpooled normal formula: power = Phi(|p2 - p1| / SE - z)
 * with SE^2 = p1 q1 / n1 + p2 q2 / n2 and z the critical value (the far tail is ignored), whose
 * inverse is n1 = (z_alpha + z_beta)^2 (p1 q1 + p2 q2 / r) / (p2 - p1)^2 (Chow, Shao and Wang,
 * Sample Size Calculations in Clinical Research, 4.2).
 */
public record UnpooledProportionPower(double baselineRate, PowerDesign design)
    implements PowerFunction {
  @Override
  public double power(double controlSampleSize, double effect) {
    double z = StandardNormal.upperQuantile(design.tailAlpha());
    double standardError = standardError(controlSampleSize, effect);
    double signed =
        switch (design.alternative()) {
          case TWO_SIDED -> Math.abs(effect);
          case GREATER -> effect;
          case LESS -> -effect;
        };
    return StandardNormal.cdf(signed / standardError - z);
  }

  private double standardError(double controlSampleSize, double effect) {
    double p1 = baselineRate;
    double p2 = baselineRate + effect;
    return Math.sqrt(
        p1 * (1 - p1) / controlSampleSize
            + p2 * (1 - p2) / (controlSampleSize * design.allocationRatio()));
  }

  @Override
  public double standardizedEffect(double effect) {
    return effect / standardError(1.0, effect);
  }

  @Override
  public double smallestEffect() {
    return -baselineRate;
  }

  @Override
  public double largestEffect() {
    return 1.0 - baselineRate;
  }
}
