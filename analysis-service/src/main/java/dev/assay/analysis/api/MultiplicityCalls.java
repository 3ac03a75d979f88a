package dev.assay.analysis.api;

import dev.assay.analysis.multiplicity.AdjustedPValues;
import dev.assay.analysis.multiplicity.PValueAdjustment;
import dev.assay.analysis.v1.AdjustPValuesRequest;
import dev.assay.analysis.v1.AdjustPValuesResponse;
import dev.assay.runtime.errors.Violations;

/** Validates p-value adjustment requests and runs the correction. */
final class MultiplicityCalls {
  private MultiplicityCalls() {}

  static AdjustPValuesResponse adjustPValues(AdjustPValuesRequest request) {
    Violations violations = new Violations();
    int m = request.getPValuesCount();
    violations.check(m < 1, "p_values", "needs at least 1 p-value");
    double[] pValues = FieldChecks.toArray(request.getPValuesList());
    for (int i = 0; i < m; i++) {
      if (!(pValues[i] >= 0.0 && pValues[i] <= 1.0)) {
        // Only the first bad p-value is named: the list may hold thousands.
        violations.add("p_values[" + i + "]", "must be in [0, 1], got " + pValues[i]);
        break;
      }
    }
    double alpha =
        FieldChecks.openUnitInterval(
            violations, request.hasAlpha(), request.getAlpha(), "alpha", 0.05);
    violations.throwIfAny();
    AdjustedPValues adjusted =
        PValueAdjustment.adjust(pValues, Conversions.correctionMethod(request.getMethod()), alpha);
    return AdjustPValuesResponse.newBuilder()
        .addAllAdjustedPValues(adjusted.adjusted())
        .addAllRejected(adjusted.rejected())
        .build();
  }
}
