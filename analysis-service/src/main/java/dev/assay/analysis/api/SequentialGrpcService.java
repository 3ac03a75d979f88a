package dev.assay.analysis.api;

import dev.assay.analysis.proportions.BinomialCounts;
import dev.assay.analysis.sequential.AlwaysValidResult;
import dev.assay.analysis.sequential.Boundary;
import dev.assay.analysis.sequential.GroupSequentialBoundaries;
import dev.assay.analysis.sequential.Look;
import dev.assay.analysis.sequential.MixtureSprt;
import dev.assay.analysis.sequential.SpendingFunction;
import dev.assay.analysis.v1.AlwaysValidLook;
import dev.assay.analysis.v1.AnalyzeAlwaysValidRequest;
import dev.assay.analysis.v1.AnalyzeAlwaysValidResponse;
import dev.assay.analysis.v1.ComputeBoundariesRequest;
import dev.assay.analysis.v1.ComputeBoundariesResponse;
import dev.assay.analysis.v1.LookBoundary;
import dev.assay.analysis.v1.SampleSummary;
import dev.assay.analysis.v1.SequentialLook;
import dev.assay.analysis.v1.SequentialTestServiceGrpc;
import dev.assay.runtime.errors.Violations;
import io.grpc.stub.StreamObserver;
import java.util.ArrayList;
import java.util.List;

/** gRPC adapter of {@code assay.analysis.v1.SequentialTestService}. */
public final class SequentialGrpcService
    extends SequentialTestServiceGrpc.SequentialTestServiceImplBase {
  private static final int MAX_LOOKS = 50;

  @Override
  public void analyzeAlwaysValid(
      AnalyzeAlwaysValidRequest request, StreamObserver<AnalyzeAlwaysValidResponse> responses) {
    Violations violations = new Violations();
    violations.check(request.getLooksCount() < 1, "looks", "needs at least 1 look");
    List<Look> looks = new ArrayList<>();
    for (int i = 0; i < request.getLooksCount(); i++) {
      Look look = look(violations, request.getLooks(i), "looks[" + i + "]");
      if (look != null) {
        looks.add(look);
      }
    }
    double tau2 = request.getMixingVariance();
    violations.check(
        !(tau2 > 0 && Double.isFinite(tau2)),
        "mixing_variance",
        "must be positive and finite, got " + tau2);
    double alpha =
        FieldChecks.openUnitInterval(
            violations, request.hasAlpha(), request.getAlpha(), "alpha", 0.05);
    violations.throwIfAny();
    AnalyzeAlwaysValidResponse.Builder response = AnalyzeAlwaysValidResponse.newBuilder();
    List<AlwaysValidResult> results = MixtureSprt.analyze(looks, tau2, alpha);
    for (int i = 0; i < results.size(); i++) {
      AlwaysValidResult result = results.get(i);
      FieldChecks.requireFinite(
          "looks[" + i + "]",
          result.pValue(),
          result.confidenceSequence().lower(),
          result.confidenceSequence().upper());
      response.addLooks(
          AlwaysValidLook.newBuilder()
              .setDifference(looks.get(i).difference())
              .setLikelihoodRatio(result.likelihoodRatio())
              .setPValue(result.pValue())
              .setConfidenceSequence(Conversions.interval(result.confidenceSequence()))
              .setRejected(result.isRejected()));
    }
    responses.onNext(response.build());
    responses.onCompleted();
  }

  private static Look look(Violations violations, SequentialLook look, String field) {
    switch (look.getDataCase()) {
      case MEANS -> {
        SampleSummary control = look.getMeans().getControl();
        SampleSummary treatment = look.getMeans().getTreatment();
        boolean isValid =
            summary(violations, control, field + ".means.control")
                & summary(violations, treatment, field + ".means.treatment");
        if (!isValid) {
          return null;
        }
        double variance =
            control.getVariance() / control.getCount()
                + treatment.getVariance() / treatment.getCount();
        violations.check(!(variance > 0), field + ".means", "both groups have zero variance");
        return new Look(treatment.getMean() - control.getMean(), variance);
      }
      case PROPORTIONS -> {
        BinomialCounts control =
            ProportionCalls.counts(
                violations, look.getProportions().getControl(), field + ".proportions.control");
        BinomialCounts treatment =
            ProportionCalls.counts(
                violations, look.getProportions().getTreatment(), field + ".proportions.treatment");
        if (control == null || treatment == null) {
          return null;
        }
        double variance = control.varianceOfRate() + treatment.varianceOfRate();
        violations.check(
            !(variance > 0),
            field + ".proportions",
            "no successes or no failures in either group, so the variance is 0");
        return new Look(treatment.rate() - control.rate(), variance);
      }
      default -> {
        violations.add(field, "set means or proportions");
        return null;
      }
    }
  }

  private static boolean summary(Violations violations, SampleSummary summary, String field) {
    boolean isCountBad = summary.getCount() < 2;
    boolean isMeanBad = !Double.isFinite(summary.getMean());
    boolean isVarianceBad = !(summary.getVariance() >= 0 && Double.isFinite(summary.getVariance()));
    violations
        .check(isCountBad, field + ".count", "must be at least 2, got " + summary.getCount())
        .check(isMeanBad, field + ".mean", "must be finite, got " + summary.getMean())
        .check(
            isVarianceBad,
            field + ".variance",
            "must be finite and >= 0, got " + summary.getVariance());
    return !(isCountBad || isMeanBad || isVarianceBad);
  }

  @Override
  public void computeBoundaries(
      ComputeBoundariesRequest request, StreamObserver<ComputeBoundariesResponse> responses) {
    Violations violations = new Violations();
    int looks = request.getInformationFractionsCount();
    violations.check(
        looks < 1 || looks > MAX_LOOKS,
        "information_fractions",
        "needs 1 to " + MAX_LOOKS + " looks, got " + looks);
    double[] fractions = new double[looks];
    double previous = 0.0;
    for (int i = 0; i < looks; i++) {
      fractions[i] = request.getInformationFractions(i);
      violations.check(
          !(fractions[i] > previous && fractions[i] <= 1.0),
          "information_fractions[" + i + "]",
          "must be in (" + previous + ", 1] (strictly increasing), got " + fractions[i]);
      previous = Math.max(previous, Double.isFinite(fractions[i]) ? fractions[i] : previous);
    }
    boolean isOneSided = request.getOneSided();
    double alpha =
        FieldChecks.openUnitInterval(
            violations, request.hasAlpha(), request.getAlpha(), "alpha", isOneSided ? 0.025 : 0.05);
    violations.throwIfAny();
    SpendingFunction spending =
        request.getSpendingFunction()
                == dev.assay.analysis.v1.SpendingFunction.SPENDING_FUNCTION_POCOCK
            ? SpendingFunction.POCOCK
            : SpendingFunction.OBRIEN_FLEMING;
    ComputeBoundariesResponse.Builder response = ComputeBoundariesResponse.newBuilder();
    for (Boundary boundary :
        GroupSequentialBoundaries.compute(fractions, alpha, spending, !isOneSided)) {
      response.addBoundaries(
          LookBoundary.newBuilder()
              .setInformationFraction(boundary.informationFraction())
              .setCriticalValue(boundary.criticalValue())
              .setNominalPValue(boundary.nominalPValue())
              .setCumulativeAlphaSpent(boundary.cumulativeAlphaSpent()));
    }
    responses.onNext(response.build());
    responses.onCompleted();
  }
}
