package dev.assay.analysis.api;

import dev.assay.analysis.ranks.MannWhitneyMethod;
import dev.assay.analysis.ranks.MannWhitneyTest;
import dev.assay.analysis.ranks.RankSums;
import dev.assay.analysis.v1.MannWhitneyOptions;
import dev.assay.analysis.v1.MannWhitneyResult;
import dev.assay.runtime.errors.ValidationException;
import java.util.Arrays;
import java.util.Optional;

/** Validates Mann-Whitney inputs and runs the test. */
final class MannWhitneyCalls {
  private MannWhitneyCalls() {}

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
            "the exact method needs samples without ties and n1 * n2 <= 10000; use the asymptotic method");
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
