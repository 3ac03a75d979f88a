package dev.assay.analysis.results;

import dev.assay.analysis.bayes.BetaComparison;
import dev.assay.analysis.bayes.BetaPosterior;
import dev.assay.analysis.bayes.NormalPosterior;
import dev.assay.analysis.metrics.MetricKind;
import dev.assay.analysis.proportions.BinomialCounts;
import java.util.Optional;

/**
 * The Bayesian view of a variation against control in the metric's better direction: the
 * probability that it is better and the expected loss of choosing it. Rates: Beta posteriors under
 * a uniform Beta(1, 1) prior, exact (Evan Miller's closed form, {@link BetaComparison}) while the
 * posteriors' alphas are at most {@value #EXACT_BETA_LIMIT}, above that the normal approximation of
 * the same posteriors (the closed form costs one term per success). Everything else: flat-prior
 * normal posteriors of the two estimates ({@link NormalPosterior}).
 *
 * @param chance posterior probability that the variation beats control
 * @param expectedLoss expected loss of choosing the variation, in the metric's units (>= 0)
 */
record ChanceToBeat(double chance, double expectedLoss) {
  /** Largest posterior alpha summed term by term. */
  static final double EXACT_BETA_LIMIT = 2_000;

  /** Empty when either estimate has no variance. */
  static Optional<ChanceToBeat> of(
      GroupFigures control, GroupFigures variant, boolean isDecreaseBetter) {
    if (control.kind() == MetricKind.CONVERSION
        && control.counts().isPresent()
        && variant.counts().isPresent()) {
      BetaPosterior c = posterior(control.counts().get());
      BetaPosterior v = posterior(variant.counts().get());
      if (c.alpha() <= EXACT_BETA_LIMIT && v.alpha() <= EXACT_BETA_LIMIT) {
        // Choosing X over Y loses E[max(Y - X, 0)] when higher is better.
        BetaPosterior better = isDecreaseBetter ? c : v;
        BetaPosterior worse = isDecreaseBetter ? v : c;
        return Optional.of(
            new ChanceToBeat(
                BetaComparison.probabilityGreater(better, worse),
                isDecreaseBetter
                    ? BetaComparison.expectedLoss(c, v)
                    : BetaComparison.expectedLoss(v, c)));
      }
      return normal(normal(c), normal(v), isDecreaseBetter);
    }
    if (control.value().isEmpty()
        || variant.value().isEmpty()
        || control.estimateVariance().isEmpty()
        || variant.estimateVariance().isEmpty()) {
      return Optional.empty();
    }
    return normal(
        new NormalPosterior(
            control.value().getAsDouble(), control.estimateVariance().getAsDouble()),
        new NormalPosterior(
            variant.value().getAsDouble(), variant.estimateVariance().getAsDouble()),
        isDecreaseBetter);
  }

  private static Optional<ChanceToBeat> normal(
      NormalPosterior control, NormalPosterior variant, boolean isDecreaseBetter) {
    if (!(control.variance() + variant.variance() > 0.0)) {
      return Optional.empty();
    }
    NormalPosterior c = isDecreaseBetter ? negate(control) : control;
    NormalPosterior v = isDecreaseBetter ? negate(variant) : variant;
    return Optional.of(new ChanceToBeat(v.probabilityGreater(c), Math.max(0.0, v.expectedLoss(c))));
  }

  private static BetaPosterior posterior(BinomialCounts counts) {
    return BetaPosterior.update(1.0, 1.0, counts.successes(), counts.trials());
  }

  private static NormalPosterior normal(BetaPosterior p) {
    double total = p.alpha() + p.beta();
    return new NormalPosterior(p.mean(), p.alpha() * p.beta() / (total * total * (total + 1.0)));
  }

  private static NormalPosterior negate(NormalPosterior p) {
    return new NormalPosterior(-p.mean(), p.variance());
  }
}
