package dev.assay.analysis.bayes;

import dev.assay.analysis.distributions.StandardNormal;
import dev.assay.analysis.inference.Interval;

/**
 * A normal posterior of a group mean: the sample mean with variance s^2 / n under a flat prior, or
 * the precision-weighted conjugate update of a N(priorMean, priorVariance) prior (Gelman et al.,
 * Bayesian Data Analysis, 2.5, with the variance treated as known).
 *
 * @param mean posterior mean
 * @param variance posterior variance
 */
public record NormalPosterior(double mean, double variance) {
  /** The flat-prior posterior of a sample with this mean, unbiased variance and count. */
  public static NormalPosterior flat(double sampleMean, double sampleVariance, long count) {
    return new NormalPosterior(sampleMean, sampleVariance / count);
  }

  /** Updates a N(priorMean, priorVariance) prior with the sample. */
  public static NormalPosterior conjugate(
      double priorMean,
      double priorVariance,
      double sampleMean,
      double sampleVariance,
      long count) {
    double dataPrecision = count / sampleVariance;
    double precision = 1.0 / priorVariance + dataPrecision;
    return new NormalPosterior(
        (priorMean / priorVariance + sampleMean * dataPrecision) / precision, 1.0 / precision);
  }

  /** The equal-tailed credible interval of the mean. */
  public Interval credibleInterval(double level) {
    double z = StandardNormal.upperQuantile((1.0 - level) / 2.0);
    return Interval.around(mean, z * Math.sqrt(variance));
  }

  /** P(this > other) for independent posteriors. */
  public double probabilityGreater(NormalPosterior other) {
    return StandardNormal.sf((other.mean - mean) / Math.sqrt(variance + other.variance));
  }

  /**
   * E[max(other - this, 0)]: the expected shortfall of choosing this, s phi(d / s) - d Phi(-d / s)
   * with d = this - other and s the standard deviation of the difference.
   */
  public double expectedLoss(NormalPosterior other) {
    double d = mean - other.mean;
    double s = Math.sqrt(variance + other.variance);
    return s * StandardNormal.pdf(d / s) - d * StandardNormal.sf(d / s);
  }

  /** The credible interval of this - other. */
  public Interval differenceInterval(NormalPosterior other, double level) {
    double z = StandardNormal.upperQuantile((1.0 - level) / 2.0);
    return Interval.around(mean - other.mean, z * Math.sqrt(variance + other.variance));
  }
}
