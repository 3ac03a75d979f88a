package dev.assay.analysis.api;

import dev.assay.analysis.means.SampleSummary;
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
import dev.assay.analysis.v1.SequentialLook;
import dev.assay.runtime.errors.Violations;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/** Validates sequential-testing requests: always-valid looks and group-sequential designs. */
final class SequentialCalls {
  private static final int MAX_LOOKS = 50;

  private SequentialCalls() {}

  static AnalyzeAlwaysValidResponse analyzeAlwaysValid(AnalyzeAlwaysValidRequest request) {
    Violations violations = new Violations();
    violations.check(request.getLooksCount() < 1, "looks", "needs at least 1 look");
    List<Look> looks = new ArrayList<>();
    for (int i = 0; i < request.getLooksCount(); i++) {
      look(violations, request.getLooks(i), "looks[" + i + "]").ifPresent(looks::add);
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
    return response.build();
  }

  static ComputeBoundariesResponse computeBoundaries(ComputeBoundariesRequest request) {
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
    return response.build();
  }

  /** The look's difference and its variance, or empty after recording what is wrong. */
  private static Optional<Look> look(Violations violations, SequentialLook look, String field) {
    return switch (look.getDataCase()) {
      case MEANS ->
          look(
              violations,
              TwoGroups.read(
                  field + ".means",
                  look.getMeans().getControl(),
                  look.getMeans().getTreatment(),
                  (summary, group) -> FieldChecks.summary(violations, summary, group)),
              SampleSummary::mean,
              SampleSummary::varianceOfMean,
              "both groups have zero variance");
      case PROPORTIONS ->
          look(
              violations,
              TwoGroups.read(
                  field + ".proportions",
                  look.getProportions().getControl(),
                  look.getProportions().getTreatment(),
                  (counts, group) -> FieldChecks.counts(violations, counts, group)),
              BinomialCounts::rate,
              BinomialCounts::varianceOfRate,
              "no successes or no failures in either group, so the variance is 0");
      default -> {
        violations.add(field, "set means or proportions");
        yield Optional.empty();
      }
    };
  }

  /**
   * The difference of the groups' estimates (treatment minus control) with the sum of their
   * variances, which must be above 0.
   */
  private static <T> Optional<Look> look(
      Violations violations,
      TwoGroups<T> groups,
      ToDoubleFunction<T> estimate,
      ToDoubleFunction<T> varianceOfEstimate,
      String whyNoVariance) {
    if (groups.control().isEmpty() || groups.treatment().isEmpty()) {
      return Optional.empty();
    }
    T control = groups.control().get();
    T treatment = groups.treatment().get();
    double variance =
        varianceOfEstimate.applyAsDouble(control) + varianceOfEstimate.applyAsDouble(treatment);
    violations.check(!(variance > 0), groups.input(), whyNoVariance);
    return Optional.of(
        new Look(estimate.applyAsDouble(treatment) - estimate.applyAsDouble(control), variance));
  }
}
