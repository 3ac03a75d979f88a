package dev.assay.analysis.api;

import dev.assay.analysis.bayes.BetaComparison;
import dev.assay.analysis.bayes.BetaPosterior;
import dev.assay.analysis.bayes.NormalPosterior;
import dev.assay.analysis.means.SampleSummary;
import dev.assay.analysis.proportions.BinomialCounts;
import dev.assay.analysis.v1.CompareMeansRequest;
import dev.assay.analysis.v1.CompareMeansResponse;
import dev.assay.analysis.v1.CompareProportionsRequest;
import dev.assay.analysis.v1.CompareProportionsResponse;
import dev.assay.analysis.v1.MeanPosterior;
import dev.assay.analysis.v1.RatePosterior;
import dev.assay.analysis.v1.VariantMeanComparison;
import dev.assay.analysis.v1.VariantRateComparison;
import dev.assay.runtime.errors.ValidationException;
import dev.assay.runtime.errors.Violations;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.BiFunction;

/** Validates Bayesian comparisons and computes the posteriors and their comparisons. */
final class BayesianCalls {
  /**
   * The exact sums take one term (three log-beta functions, about 0.5 us) per unit of alpha, five
   * sums per variant; this bounds a call to about half a second.
   */
  static final double MAX_TERMS = 1_000_000;

  private BayesianCalls() {}

  static CompareProportionsResponse compareProportions(CompareProportionsRequest request) {
    Violations violations = new Violations();
    Optional<BinomialCounts> control =
        FieldChecks.counts(violations, request.getControl(), "control");
    List<BinomialCounts> variants =
        variants(
            violations,
            request.getVariantsList(),
            (counts, field) -> FieldChecks.counts(violations, counts, field));
    double priorAlpha = request.getPrior().hasAlpha() ? request.getPrior().getAlpha() : 1.0;
    double priorBeta = request.getPrior().hasBeta() ? request.getPrior().getBeta() : 1.0;
    violations
        .check(
            !(priorAlpha >= 1 && priorAlpha <= 1e9 && priorAlpha == Math.rint(priorAlpha)),
            "prior.alpha",
            "must be a whole number between 1 and 1e9, got " + priorAlpha)
        .check(
            !(priorBeta >= 1e-6 && priorBeta <= 1e9),
            "prior.beta",
            "must be in [1e-6, 1e9], got " + priorBeta);
    double level =
        credibleLevel(violations, request.hasCredibleLevel(), request.getCredibleLevel());
    violations.throwIfAny();
    BinomialCounts controlCounts = control.orElseThrow();
    double terms = 0.0;
    for (BinomialCounts counts : variants) {
      terms +=
          3.0 * (priorAlpha + counts.successes())
              + 2.0 * (priorAlpha + controlCounts.successes())
              + 2.0;
    }
    if (terms > MAX_TERMS) {
      throw ValidationException.of(
          "variants",
          String.format(
              Locale.ROOT,
              "the exact comparison would sum %.0f terms (3 (prior.alpha + successes) per variant"
                  + " plus 2 (prior.alpha + control.successes) per variant), over the limit of"
                  + " 1000000; use CompareMeans on the rates' summaries for larger counts",
              terms));
    }
    BetaPosterior controlPosterior =
        BetaPosterior.update(
            priorAlpha, priorBeta, controlCounts.successes(), controlCounts.trials());
    CompareProportionsResponse.Builder response =
        CompareProportionsResponse.newBuilder().setControl(rate(controlPosterior, level));
    for (BinomialCounts counts : variants) {
      BetaPosterior posterior =
          BetaPosterior.update(priorAlpha, priorBeta, counts.successes(), counts.trials());
      response.addVariants(
          VariantRateComparison.newBuilder()
              .setPosterior(rate(posterior, level))
              .setProbabilityBeatsControl(
                  BetaComparison.probabilityGreater(posterior, controlPosterior))
              .setExpectedLossIfShipped(BetaComparison.expectedLoss(posterior, controlPosterior))
              .setExpectedLossIfKept(BetaComparison.expectedLoss(controlPosterior, posterior)));
    }
    return response.build();
  }

  static CompareMeansResponse compareMeans(CompareMeansRequest request) {
    Violations violations = new Violations();
    Optional<SampleSummary> control =
        FieldChecks.positiveVarianceSummary(violations, request.getControl(), "control");
    List<SampleSummary> variants =
        variants(
            violations,
            request.getVariantsList(),
            (summary, field) -> FieldChecks.positiveVarianceSummary(violations, summary, field));
    if (request.hasPrior()) {
      double mean = request.getPrior().getMean();
      double variance = request.getPrior().getVariance();
      FieldChecks.measurement(violations, mean, "prior.mean");
      FieldChecks.variance(violations, variance, "prior.variance", true);
    }
    double level =
        credibleLevel(violations, request.hasCredibleLevel(), request.getCredibleLevel());
    violations.throwIfAny();
    NormalPosterior controlPosterior = posterior(control.orElseThrow(), request);
    CompareMeansResponse.Builder response =
        CompareMeansResponse.newBuilder().setControl(mean(controlPosterior, level));
    for (SampleSummary summary : variants) {
      NormalPosterior variant = posterior(summary, request);
      double p = variant.probabilityGreater(controlPosterior);
      double shipped = variant.expectedLoss(controlPosterior);
      double kept = controlPosterior.expectedLoss(variant);
      FieldChecks.requireFinite("variants", p, shipped, kept);
      response.addVariants(
          VariantMeanComparison.newBuilder()
              .setPosterior(mean(variant, level))
              .setProbabilityBeatsControl(p)
              .setExpectedLossIfShipped(shipped)
              .setExpectedLossIfKept(kept)
              .setDifferenceInterval(
                  Conversions.interval(variant.differenceInterval(controlPosterior, level))));
    }
    return response.build();
  }

  /**
   * The variants (at least one) that {@code reader} accepts, each named {@code variants[i]}; all of
   * them once no violation was recorded.
   */
  private static <M, T> List<T> variants(
      Violations violations, List<M> variants, BiFunction<M, String, Optional<T>> reader) {
    violations.check(variants.isEmpty(), "variants", "needs at least 1 variant");
    List<T> read = new ArrayList<>();
    for (int i = 0; i < variants.size(); i++) {
      reader.apply(variants.get(i), "variants[" + i + "]").ifPresent(read::add);
    }
    return read;
  }

  private static double credibleLevel(Violations violations, boolean isSet, double level) {
    return FieldChecks.openUnitInterval(violations, isSet, level, "credible_level", 0.95);
  }

  private static NormalPosterior posterior(SampleSummary summary, CompareMeansRequest request) {
    return request.hasPrior()
        ? NormalPosterior.conjugate(
            request.getPrior().getMean(),
            request.getPrior().getVariance(),
            summary.mean(),
            summary.variance(),
            summary.count())
        : NormalPosterior.flat(summary.mean(), summary.variance(), summary.count());
  }

  private static RatePosterior rate(BetaPosterior posterior, double level) {
    return RatePosterior.newBuilder()
        .setAlpha(posterior.alpha())
        .setBeta(posterior.beta())
        .setMean(posterior.mean())
        .setCredibleInterval(Conversions.interval(posterior.credibleInterval(level)))
        .build();
  }

  private static MeanPosterior mean(NormalPosterior posterior, double level) {
    return MeanPosterior.newBuilder()
        .setMean(posterior.mean())
        .setVariance(posterior.variance())
        .setCredibleInterval(Conversions.interval(posterior.credibleInterval(level)))
        .build();
  }
}
