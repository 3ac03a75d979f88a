package dev.assay.analysis.api;

import dev.assay.analysis.inference.ConfidenceLevel;
import dev.assay.analysis.inference.Interval;
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
import java.util.Optional;

/** Validates proportion requests and runs the z-test or the one-proportion interval. */
final class ProportionCalls {
  private ProportionCalls() {}

  static TwoProportionTestResponse twoProportionTest(TwoProportionTestRequest request) {
    Violations violations = new Violations();
    Optional<BinomialCounts> control =
        FieldChecks.counts(violations, request.getControl(), "control");
    Optional<BinomialCounts> treatment =
        FieldChecks.counts(violations, request.getTreatment(), "treatment");
    double level =
        FieldChecks.confidenceLevel(
            violations, request.hasConfidenceLevel(), request.getConfidenceLevel());
    violations.throwIfAny();
    if (TwoProportionZTest.isDegenerate(control.orElseThrow(), treatment.orElseThrow())) {
      String why = "no successes or no failures in either group, so the z statistic is undefined";
      new Violations().add("control.successes", why).add("treatment.successes", why).throwIfAny();
    }
    TwoProportionResult result =
        TwoProportionZTest.test(
            control.orElseThrow(),
            treatment.orElseThrow(),
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
    Conversions.relativeLift(
        result.relativeLift(),
        "control",
        (estimate, interval) ->
            response
                .setHasRelativeLift(true)
                .setRelativeLift(estimate)
                .setRelativeLiftInterval(interval));
    return response.build();
  }

  static ProportionIntervalResponse proportionInterval(ProportionIntervalRequest request) {
    Violations violations = new Violations();
    Optional<BinomialCounts> counts = FieldChecks.counts(violations, request.getCounts(), "counts");
    double level =
        FieldChecks.confidenceLevel(
            violations, request.hasConfidenceLevel(), request.getConfidenceLevel());
    violations.throwIfAny();
    ProportionIntervalMethod method =
        switch (request.getMethod()) {
          case PROPORTION_INTERVAL_METHOD_WALD -> ProportionIntervalMethod.WALD;
          case PROPORTION_INTERVAL_METHOD_AGRESTI_COULL -> ProportionIntervalMethod.AGRESTI_COULL;
          case PROPORTION_INTERVAL_METHOD_CLOPPER_PEARSON ->
              ProportionIntervalMethod.CLOPPER_PEARSON;
          default -> ProportionIntervalMethod.WILSON;
        };
    Interval interval =
        ProportionInterval.of(counts.orElseThrow(), method, new ConfidenceLevel(level));
    return ProportionIntervalResponse.newBuilder()
        .setProportion(counts.orElseThrow().rate())
        .setInterval(Conversions.interval(interval))
        .build();
  }
}
