package dev.assay.analysis.api;

import dev.assay.analysis.inference.ConfidenceLevel;
import dev.assay.analysis.means.OnlineMoments;
import dev.assay.analysis.means.SampleSummary;
import dev.assay.analysis.means.TwoSampleTTest;
import dev.assay.analysis.v1.Sample;
import dev.assay.analysis.v1.TTestOptions;
import dev.assay.analysis.v1.TTestRequest;
import dev.assay.analysis.v1.TTestResponse;
import dev.assay.analysis.v1.TTestResult;
import dev.assay.runtime.errors.ValidationException;
import dev.assay.runtime.errors.Violations;
import java.util.Optional;

/** Validates t-test requests and runs the test (the streamed form is {@link StreamedTTest}). */
final class TTestCalls {
  private TTestCalls() {}

  static TTestResponse tTest(TTestRequest request) {
    Violations violations = new Violations();
    TwoGroups<SampleSummary> groups =
        switch (request.getInputCase()) {
          case SAMPLES ->
              TwoGroups.read(
                  "samples",
                  request.getSamples().getControl(),
                  request.getSamples().getTreatment(),
                  (sample, field) -> rawSummary(violations, sample, field + ".values"));
          case SUMMARIES ->
              TwoGroups.read(
                  "summaries",
                  request.getSummaries().getControl(),
                  request.getSummaries().getTreatment(),
                  (summary, field) -> FieldChecks.summary(violations, summary, field));
          default -> throw ValidationException.of("input", "set either samples or summaries");
        };
    return TTestResponse.newBuilder()
        .setResult(test(violations, groups, request.getOptions()))
        .build();
  }

  /** Checks the options, throws every violation recorded so far, then tests. */
  static TTestResult test(
      Violations violations, TwoGroups<SampleSummary> groups, TTestOptions options) {
    double level = confidenceLevel(violations, options);
    violations.throwIfAny();
    SampleSummary control = groups.control().orElseThrow();
    SampleSummary treatment = groups.treatment().orElseThrow();
    if (control.variance() == 0.0 && treatment.variance() == 0.0) {
      throw ValidationException.of(
          groups.input(), "both groups have zero variance, so the t statistic is undefined");
    }
    try {
      return Conversions.tTestResult(
          TwoSampleTTest.test(
              control,
              treatment,
              Conversions.tTestMethod(options.getMethod()),
              Conversions.alternative(options.getAlternative()),
              new ConfidenceLevel(level)));
    } catch (IllegalArgumentException e) {
      // Variances so small or large that the degrees of freedom leave double range.
      throw ValidationException.of(
          groups.input(), "statistics outside double precision range: " + e.getMessage());
    }
  }

  /** The options' confidence level (0.95 when unset), checked to be in (0, 1). */
  static double confidenceLevel(Violations violations, TTestOptions options) {
    return FieldChecks.openUnitInterval(
        violations,
        options.hasConfidenceLevel(),
        options.getConfidenceLevel(),
        "options.confidence_level",
        ConfidenceLevel.DEFAULT.value());
  }

  /** The summary of finite moments, or empty after recording that the values overflow. */
  static Optional<SampleSummary> summary(
      Violations violations, OnlineMoments moments, String field) {
    if (!moments.isFinite()) {
      violations.add(
          field, "values too large: their variance overflows double precision; rescale the data");
      return Optional.empty();
    }
    return Optional.of(moments.summary());
  }

  private static Optional<SampleSummary> rawSummary(
      Violations violations, Sample sample, String field) {
    boolean isLargeEnough = FieldChecks.minimumSize(violations, sample.getValuesCount(), 2, field);
    boolean isFinite = FieldChecks.finiteValues(violations, sample.getValuesList(), field);
    if (!isLargeEnough || !isFinite) {
      return Optional.empty();
    }
    OnlineMoments moments = new OnlineMoments();
    for (int i = 0; i < sample.getValuesCount(); i++) {
      moments.add(sample.getValues(i));
    }
    return summary(violations, moments, field);
  }
}
