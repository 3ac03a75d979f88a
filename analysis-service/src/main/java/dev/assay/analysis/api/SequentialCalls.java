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
import dev.assay.runtime.errors.ValidationException;
import dev.assay.runtime.errors.Violations;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.ToDoubleFunction;
import org.apache.commons.math3.exception.MathIllegalArgumentException;
import org.apache.commons.math3.exception.MathIllegalStateException;

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
    FieldChecks.variance(violations, tau2, "mixing_variance", true);
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
    violations.throwIfAny();
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
    checkWork(fractions, alpha, spending, !isOneSided);
    List<Boundary> boundaries;
    try {
      boundaries = GroupSequentialBoundaries.compute(fractions, alpha, spending, !isOneSided);
    } catch (MathIllegalArgumentException | MathIllegalStateException e) {
      // No boundary in [1e-6, 37] spends a look's alpha exactly: alpha is too close to 0 or 1.
      throw ValidationException.of(
          "alpha",
          "no boundary between z = 1e-6 and z = 37 spends this alpha at every look; use an alpha"
              + " further from 0 and 1, or fewer looks");
    }
    ComputeBoundariesResponse.Builder response = ComputeBoundariesResponse.newBuilder();
    for (Boundary boundary : boundaries) {
      response.addBoundaries(
          LookBoundary.newBuilder()
              .setInformationFraction(boundary.informationFraction())
              .setCriticalValue(boundary.criticalValue())
              .setNominalPValue(boundary.nominalPValue())
              .setCumulativeAlphaSpent(boundary.cumulativeAlphaSpent()));
    }
    return response.build();
  }

  /**
   * Rejects looks that spend no alpha (an O'Brien-Fleming look too early for the alpha), and looks
   * spaced so closely that the boundaries would take more than {@link
   * GroupSequentialBoundaries#MAX_WORK} evaluations, naming the first look that does either.
   */
  private static void checkWork(
      double[] fractions, double alpha, SpendingFunction spending, boolean isTwoSided) {
    for (int k = 0; k < fractions.length; k++) {
      double spent =
          GroupSequentialBoundaries.alphaOfLook(fractions, k, alpha, spending, isTwoSided);
      if (!(spent >= Double.MIN_NORMAL)) {
        throw ValidationException.of(
            "information_fractions[" + k + "]",
            "this look spends no alpha (less than 1e-307, the spending function is too flat this"
                + " early for this alpha); move it later, merge it with the previous look, or"
                + " raise alpha, got "
                + fractions[k]);
      }
    }
    double[] work = GroupSequentialBoundaries.work(fractions, alpha, spending, isTwoSided);
    for (int k = 0; k < work.length; k++) {
      if (!(work[k] <= GroupSequentialBoundaries.MAX_WORK)) {
        throw ValidationException.of(
            "information_fractions[" + k + "]",
            "looks too closely spaced: the boundaries would need about "
                + String.format(java.util.Locale.ROOT, "%.2g", work[k])
                + " evaluations by this look, over the limit of "
                + String.format(java.util.Locale.ROOT, "%.2g", GroupSequentialBoundaries.MAX_WORK)
                + "; space consecutive fractions further apart (0.1 apart always fits) or use"
                + " fewer looks, got "
                + fractions[k]);
      }
    }
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
