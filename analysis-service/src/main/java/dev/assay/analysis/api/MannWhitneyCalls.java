package dev.assay.analysis.api;

import dev.assay.analysis.ranks.MannWhitneyMethod;
import dev.assay.analysis.ranks.MannWhitneyTest;
import dev.assay.analysis.ranks.RankSums;
import dev.assay.analysis.v1.MannWhitneyOptions;
import dev.assay.analysis.v1.MannWhitneyResult;
import dev.assay.analysis.v1.MannWhitneyTestRequest;
import dev.assay.analysis.v1.MannWhitneyTestResponse;
import dev.assay.analysis.v1.Sample;
import dev.assay.runtime.errors.ValidationException;
import dev.assay.runtime.errors.Violations;
import java.util.Arrays;
import java.util.Optional;

/**
 * Validates Mann-Whitney requests and runs the test (the streamed form is {@link
 * StreamedMannWhitney}).
 */
final class MannWhitneyCalls {
  private MannWhitneyCalls() {}

  static MannWhitneyTestResponse mannWhitneyTest(MannWhitneyTestRequest request) {
    Sample control = request.getSamples().getControl();
    Sample treatment = request.getSamples().getTreatment();
    Violations violations = new Violations();
    FieldChecks.minimumSize(violations, control.getValuesCount(), 1, "samples.control.values");
    FieldChecks.minimumSize(violations, treatment.getValuesCount(), 1, "samples.treatment.values");
    FieldChecks.finiteValues(violations, control.getValuesList(), "samples.control.values");
    FieldChecks.finiteValues(violations, treatment.getValuesList(), "samples.treatment.values");
    violations.throwIfAny();
    double[] controlValues = FieldChecks.toArray(control.getValuesList());
    double[] treatmentValues = FieldChecks.toArray(treatment.getValuesList());
    return MannWhitneyTestResponse.newBuilder()
        .setResult(
            test(
                controlValues,
                controlValues.length,
                treatmentValues,
                treatmentValues.length,
                request.getOptions(),
                "samples"))
        .build();
  }

  /**
   * Tests the first {@code treatmentCount} values of {@code treatment} against the first {@code
   * controlCount} of {@code control}; values were already checked to be finite and the arrays may
   * be reordered. {@code dataField} names the data in error messages.
   */
  static MannWhitneyResult test(
      double[] control,
      int controlCount,
      double[] treatment,
      int treatmentCount,
      MannWhitneyOptions options,
      String dataField) {
    if (MannWhitneyTest.isConstant(control, controlCount, treatment, treatmentCount)) {
      throw ValidationException.of(
          dataField, "every value is the same, so the rank test is undefined");
    }
    Optional<MannWhitneyMethod> method =
        switch (options.getMethod()) {
          case MANN_WHITNEY_METHOD_EXACT -> Optional.of(MannWhitneyMethod.EXACT);
          case MANN_WHITNEY_METHOD_ASYMPTOTIC -> Optional.of(MannWhitneyMethod.ASYMPTOTIC);
          default -> Optional.empty();
        };
    if (method.equals(Optional.of(MannWhitneyMethod.EXACT))) {
      boolean hasTies =
          RankSums.of(
                  Arrays.copyOf(control, controlCount),
                  controlCount,
                  Arrays.copyOf(treatment, treatmentCount),
                  treatmentCount)
              .hasTies();
      if (!MannWhitneyTest.isExactPossible(controlCount, treatmentCount, hasTies)) {
        throw ValidationException.of(
            "options.method",
            "the exact method needs samples without ties and n1 * n2 <= 10000; use the asymptotic"
                + " method");
      }
    }
    return Conversions.mannWhitneyResult(
        MannWhitneyTest.test(
            control,
            controlCount,
            treatment,
            treatmentCount,
            Conversions.alternative(options.getAlternative()),
            method,
            !options.getDisableContinuityCorrection()));
  }
}
