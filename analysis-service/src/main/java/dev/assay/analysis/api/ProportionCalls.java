package dev.assay.analysis.api;

import dev.assay.analysis.inference.ConfidenceLevel;
import dev.assay.analysis.inference.Interval;
import dev.assay.analysis.means.RelativeLift;
import dev.assay.analysis.proportions.BinomialCounts;
import dev.assay.analysis.proportions.ProportionInterval;
import dev.assay.analysis.proportions.ProportionIntervalMethod;
import dev.assay.analysis.proportions.TwoProportionResult;
import dev.assay.analysis.proportions.TwoProportionZTest;
import dev.assay.analysis.v1.ProportionIntervalRequest;
import dev.assay.analysis.v1.ProportionIntervalResponse;
import dev.assay.analysis.v1.TwoProportionTestRequest;
import dev.assay.analysis.v1.TwoProportionTestResponse;
import dev.assay.runtime.errors.Violations;

/** Validates proportion requests and runs the z-test or the one-proportion interval. */
final class ProportionCalls {
  private ProportionCalls() {}

  static TwoProportionTestResponse twoProportionTest(TwoProportionTestRequest request) {
    Violations violations = new Violations();
    BinomialCounts control = counts(violations, request.getControl(), "control");
    BinomialCounts treatment = counts(violations, request.getTreatment(), "treatment");
    double level =
        FieldChecks.openUnitInterval(
            violations,
            request.hasConfidenceLevel(),
            request.getConfidenceLevel(),
            "confidence_level",
            0.95);
    violations.throwIfAny();
    if (TwoProportionZTest.isDegenerate(control, treatment)) {
      String why = "no successes or no failures in either group, so the z statistic is undefined";
      new Violations().add("control.successes", why).add("treatment.successes", why).throwIfAny();
    }
    TwoProportionResult result =
        TwoProportionZTest.test(
            control,
            treatment,
            Conversions.alternative(request.getAlternative()),
            new ConfidenceLevel(level));
    TwoProportionTestResponse.Builder response =
        TwoProportionTestResponse.newBuilder()
            .setStatistic(result.statistic())
            .setPValue(result.pValue())
            .setControlRate(result.controlRate())
            .setTreatmentRate(result.treatmentRate())
            .setDifference(result.difference())
            .setDifferenceInterval(Conversions.interval(result.differenceInterval()));
    if (result.relativeLift().isPresent()) {
      RelativeLift lift = result.relativeLift().get();
      response
          .setHasRelativeLift(true)
          .setRelativeLift(lift.estimate())
          .setRelativeLiftInterval(Conversions.interval(lift.interval()));
    }
    return response.build();
  }

  static ProportionIntervalResponse proportionInterval(ProportionIntervalRequest request) {
    Violations violations = new Violations();
    BinomialCounts counts = counts(violations, request.getCounts(), "counts");
    double level =
        FieldChecks.openUnitInterval(
            violations,
            request.hasConfidenceLevel(),
            request.getConfidenceLevel(),
            "confidence_level",
            0.95);
    violations.throwIfAny();
    ProportionIntervalMethod method =
        switch (request.getMethod()) {
          case PROPORTION_INTERVAL_METHOD_WALD -> ProportionIntervalMethod.WALD;
          case PROPORTION_INTERVAL_METHOD_AGRESTI_COULL -> ProportionIntervalMethod.AGRESTI_COULL;
          case PROPORTION_INTERVAL_METHOD_CLOPPER_PEARSON ->
              ProportionIntervalMethod.CLOPPER_PEARSON;
          default -> ProportionIntervalMethod.WILSON;
        };
    Interval interval = ProportionInterval.of(counts, method, new ConfidenceLevel(level));
    return ProportionIntervalResponse.newBuilder()
        .setProportion(counts.rate())
        .setInterval(Conversions.interval(interval))
        .build();
  }

  /** Validated counts, or null after recording what is wrong. */
  static BinomialCounts counts(
      Violations violations, dev.assay.analysis.v1.BinomialCounts proto, String field) {
    long trials = proto.getTrials();
    long successes = proto.getSuccesses();
    boolean trialsBad = trials < 1;
    boolean successesBad = successes < 0 || successes > trials;
    violations
        .check(trialsBad, field + ".trials", "must be at least 1, got " + trials)
        .check(
            successesBad && !trialsBad,
            field + ".successes",
            "must be between 0 and trials (" + trials + "), got " + successes);
    return trialsBad || successesBad ? null : new BinomialCounts(successes, trials);
  }
}
