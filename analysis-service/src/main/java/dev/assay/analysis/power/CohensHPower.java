package dev.assay.analysis.power;

/**
 * Power of a two-proportion test by Cohen's effect size h = 2 asin(sqrt(p2)) - 2 asin(sqrt(p1)) and
 * the normal power of statsmodels NormalIndPower (Cohen, Statistical Power Analysis, 1988, ch. 6).
 */
public record CohensHPower(double baselineRate, PowerDesign design) implements PowerFunction {
  @Override
  public double power(double controlSampleSize, double effect) {
    return NormalPower.power(
        standardizedEffect(effect), design.effectiveSampleSize(controlSampleSize), design);
  }

  @Override
  public double standardizedEffect(double effect) {
    return 2.0 * Math.asin(Math.sqrt(baselineRate + effect))
        - 2.0 * Math.asin(Math.sqrt(baselineRate));
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
