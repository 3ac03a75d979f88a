package dev.assay.analysis.api;

import dev.assay.analysis.bayes.BetaComparison;
import dev.assay.analysis.bayes.BetaPosterior;
import dev.assay.analysis.bayes.NormalPosterior;
import dev.assay.analysis.proportions.BinomialCounts;
import dev.assay.analysis.v1.BayesianServiceGrpc;
import dev.assay.analysis.v1.CompareMeansRequest;
import dev.assay.analysis.v1.CompareMeansResponse;
import dev.assay.analysis.v1.CompareProportionsRequest;
import dev.assay.analysis.v1.CompareProportionsResponse;
import dev.assay.analysis.v1.MeanPosterior;
import dev.assay.analysis.v1.RatePosterior;
import dev.assay.analysis.v1.SampleSummary;
import dev.assay.analysis.v1.VariantMeanComparison;
import dev.assay.analysis.v1.VariantRateComparison;
import dev.assay.runtime.errors.Violations;
import io.grpc.stub.StreamObserver;
import java.util.ArrayList;
import java.util.List;

/** gRPC adapter of {@code assay.analysis.v1.BayesianService}. */
public final class BayesianGrpcService extends BayesianServiceGrpc.BayesianServiceImplBase {
  /** The exact sums take one term per unit of alpha; beyond this they would take seconds. */
  private static final double MAX_ALPHA = 10_000_000;

  private static final String TOO_MANY =
      "prior alpha + successes must be at most 10,000,000 for the exact formulas";

  @Override
  public void compareProportions(
      CompareProportionsRequest request, StreamObserver<CompareProportionsResponse> responses) {
    Violations violations = new Violations();
    BinomialCounts control = ProportionCalls.counts(violations, request.getControl(), "control");
    violations.check(request.getVariantsCount() < 1, "variants", "needs at least 1 variant");
    List<BinomialCounts> variants = new ArrayList<>();
    for (int i = 0; i < request.getVariantsCount(); i++) {
      variants.add(
          ProportionCalls.counts(violations, request.getVariants(i), "variants[" + i + "]"));
    }
    double priorAlpha = request.getPrior().hasAlpha() ? request.getPrior().getAlpha() : 1.0;
    double priorBeta = request.getPrior().hasBeta() ? request.getPrior().getBeta() : 1.0;
    violations
        .check(
            !(priorAlpha >= 1 && priorAlpha <= 1e9 && priorAlpha == Math.rint(priorAlpha)),
            "prior.alpha",
            "must be a whole number between 1 and 1e9, got " + priorAlpha)
        .check(
            !(priorBeta > 0 && Double.isFinite(priorBeta)),
            "prior.beta",
            "must be positive and finite, got " + priorBeta);
    double level =
        FieldChecks.openUnitInterval(
            violations,
            request.hasCredibleLevel(),
            request.getCredibleLevel(),
            "credible_level",
            0.95);
    violations.throwIfAny();
    new Violations()
        .check(priorAlpha + control.successes() > MAX_ALPHA, "control.successes", TOO_MANY)
        .throwIfAny();
    for (int i = 0; i < variants.size(); i++) {
      violations.check(
          priorAlpha + variants.get(i).successes() > MAX_ALPHA,
          "variants[" + i + "].successes",
          TOO_MANY);
    }
    violations.throwIfAny();
    BetaPosterior controlPosterior =
        BetaPosterior.update(priorAlpha, priorBeta, control.successes(), control.trials());
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
    responses.onNext(response.build());
    responses.onCompleted();
  }

  private static RatePosterior rate(BetaPosterior posterior, double level) {
    return RatePosterior.newBuilder()
        .setAlpha(posterior.alpha())
        .setBeta(posterior.beta())
        .setMean(posterior.mean())
        .setCredibleInterval(Conversions.interval(posterior.credibleInterval(level)))
        .build();
  }

  @Override
  public void compareMeans(
      CompareMeansRequest request, StreamObserver<CompareMeansResponse> responses) {
    Violations violations = new Violations();
    checkSummary(violations, request.getControl(), "control");
    violations.check(request.getVariantsCount() < 1, "variants", "needs at least 1 variant");
    for (int i = 0; i < request.getVariantsCount(); i++) {
      checkSummary(violations, request.getVariants(i), "variants[" + i + "]");
    }
    boolean hasPrior = request.hasPrior();
    if (hasPrior) {
      violations
          .check(!Double.isFinite(request.getPrior().getMean()), "prior.mean", "must be finite")
          .check(
              !(request.getPrior().getVariance() > 0
                  && Double.isFinite(request.getPrior().getVariance())),
              "prior.variance",
              "must be positive and finite, got " + request.getPrior().getVariance());
    }
    double level =
        FieldChecks.openUnitInterval(
            violations,
            request.hasCredibleLevel(),
            request.getCredibleLevel(),
            "credible_level",
            0.95);
    violations.throwIfAny();
    NormalPosterior control = posterior(request.getControl(), request);
    CompareMeansResponse.Builder response =
        CompareMeansResponse.newBuilder().setControl(mean(control, level));
    for (SampleSummary summary : request.getVariantsList()) {
      NormalPosterior variant = posterior(summary, request);
      double p = variant.probabilityGreater(control);
      double shipped = variant.expectedLoss(control);
      double kept = control.expectedLoss(variant);
      FieldChecks.requireFinite("variants", p, shipped, kept);
      response.addVariants(
          VariantMeanComparison.newBuilder()
              .setPosterior(mean(variant, level))
              .setProbabilityBeatsControl(p)
              .setExpectedLossIfShipped(shipped)
              .setExpectedLossIfKept(kept)
              .setDifferenceInterval(
                  Conversions.interval(variant.differenceInterval(control, level))));
    }
    responses.onNext(response.build());
    responses.onCompleted();
  }

  private static void checkSummary(Violations violations, SampleSummary summary, String field) {
    violations
        .check(
            summary.getCount() < 2,
            field + ".count",
            "must be at least 2, got " + summary.getCount())
        .check(
            !Double.isFinite(summary.getMean()),
            field + ".mean",
            "must be finite, got " + summary.getMean())
        .check(
            !(summary.getVariance() > 0 && Double.isFinite(summary.getVariance())),
            field + ".variance",
            "must be positive and finite, got " + summary.getVariance());
  }

  private static NormalPosterior posterior(SampleSummary summary, CompareMeansRequest request) {
    return request.hasPrior()
        ? NormalPosterior.conjugate(
            request.getPrior().getMean(),
            request.getPrior().getVariance(),
            summary.getMean(),
            summary.getVariance(),
            summary.getCount())
        : NormalPosterior.flat(summary.getMean(), summary.getVariance(), summary.getCount());
  }

  private static MeanPosterior mean(NormalPosterior posterior, double level) {
    return MeanPosterior.newBuilder()
        .setMean(posterior.mean())
        .setVariance(posterior.variance())
        .setCredibleInterval(Conversions.interval(posterior.credibleInterval(level)))
        .build();
  }
}
