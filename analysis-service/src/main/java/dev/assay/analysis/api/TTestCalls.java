package dev.assay.analysis.api;

import dev.assay.analysis.inference.ConfidenceLevel;
import dev.assay.analysis.means.OnlineMoments;
import dev.assay.analysis.means.SampleSummary;
import dev.assay.analysis.means.TTestMethod;
import dev.assay.analysis.means.TwoSampleTTest;
import dev.assay.analysis.v1.Sample;
import dev.assay.analysis.v1.TTestOptions;
import dev.assay.analysis.v1.TTestRequest;
import dev.assay.analysis.v1.TTestResult;
import dev.assay.runtime.errors.ValidationException;
import dev.assay.runtime.errors.Violations;

/** Validates t-test requests and runs the test. */
final class TTestCalls {
  private TTestCalls() {}

  /** Runs a unary t-test request. */
  static TTestResult run(TTestRequest request) {
    Violations violations = new Violations();
    SampleSummary control = null;
    SampleSummary treatment = null;
    String inputField;
    switch (request.getInputCase()) {
      case SAMPLES -> {
        inputField = "samples";
        control =
            rawSummary(violations, request.getSamples().getControl(), "samples.control.values");
        treatment =
            rawSummary(violations, request.getSamples().getTreatment(), "samples.treatment.values");
      }
      case SUMMARIES -> {
        inputField = "summaries";
        control = summary(violations, request.getSummaries().getControl(), "summaries.control");
        treatment =
            summary(violations, request.getSummaries().getTreatment(), "summaries.treatment");
      }
      default -> throw ValidationException.of("input", "set either samples or summaries");
    }
    return test(violations, control, treatment, request.getOptions(), inputField);
  }

  /** Validates the options, then tests; {@code inputField} names the data in error messages. */
  static TTestResult test(
      Violations violations,
      SampleSummary control,
      SampleSummary treatment,
      TTestOptions options,
      String inputField) {
    double level =
        FieldChecks.openUnitInterval(
            violations,
            options.hasConfidenceLevel(),
            options.getConfidenceLevel(),
            "options.confidence_level",
            0.95);
    violations.throwIfAny();
    if (control.variance() == 0.0 && treatment.variance() == 0.0) {
      throw ValidationException.of(
          inputField, "both groups have zero variance, so the t statistic is undefined");
    }
    TTestMethod method =
        options.getMethod() == dev.assay.analysis.v1.TTestMethod.T_TEST_METHOD_STUDENT
            ? TTestMethod.STUDENT
            : TTestMethod.WELCH;
    try {
      return Conversions.tTestResult(
          TwoSampleTTest.test(
              control,
              treatment,
              method,
              Conversions.alternative(options.getAlternative()),
              new ConfidenceLevel(level)));
    } catch (IllegalArgumentException e) {
      // Variances so small or large that the degrees of freedom leave double range.
      throw ValidationException.of(
          inputField, "statistics outside double precision range: " + e.getMessage());
    }
  }

  private static SampleSummary rawSummary(Violations violations, Sample sample, String field) {
    boolean isLargeEnough = FieldChecks.minimumSize(violations, sample.getValuesCount(), 2, field);
    boolean isFinite = FieldChecks.finiteValues(violations, sample.getValuesList(), field);
    if (!isLargeEnough || !isFinite) {
      return null;
    }
    OnlineMoments moments = new OnlineMoments();
    for (int i = 0; i < sample.getValuesCount(); i++) {
      moments.add(sample.getValues(i));
    }
    return summary(violations, moments, field);
  }

  /** The summary of finite moments, or null after recording that the values overflow. */
  static SampleSummary summary(Violations violations, OnlineMoments moments, String field) {
    if (!moments.isFinite()) {
      violations.add(
          field, "values too large: their variance overflows double precision; rescale the data");
      return null;
    }
    return moments.summary();
  }

  private static SampleSummary summary(
      Violations violations, dev.assay.analysis.v1.SampleSummary proto, String field) {
    boolean countBad = proto.getCount() < 2;
    boolean meanBad = !Double.isFinite(proto.getMean());
    boolean varianceBad = !Double.isFinite(proto.getVariance()) || proto.getVariance() < 0.0;
    violations
        .check(countBad, field + ".count", "must be at least 2, got " + proto.getCount())
        .check(meanBad, field + ".mean", "must be a finite number, got " + proto.getMean())
        .check(
            varianceBad,
            field + ".variance",
            "must be finite and >= 0, got " + proto.getVariance());
    if (countBad || meanBad || varianceBad) {
      return null;
    }
    return new SampleSummary(proto.getCount(), proto.getMean(), proto.getVariance());
  }
}
