package dev.assay.analysis.api;

import dev.assay.analysis.models.ModelComparison;
import dev.assay.analysis.models.ModelMetrics;
import dev.assay.analysis.models.ModelRecords;
import dev.assay.analysis.v1.CompareModelsRequest;
import dev.assay.analysis.v1.CompareModelsResponse;
import dev.assay.runtime.errors.Violations;
import java.util.ArrayList;
import java.util.List;

/** Validates model-comparison requests and compares accuracy and latency per variant. */
final class ModelComparisonCalls {
  private ModelComparisonCalls() {}

  static CompareModelsResponse compareModels(CompareModelsRequest request) {
    Violations violations = new Violations();
    violations.check(
        request.getVariantsCount() < 2,
        "variants",
        "needs a baseline and at least 1 other variant");
    List<ModelRecords> variants = new ArrayList<>();
    for (int v = 0; v < request.getVariantsCount(); v++) {
      dev.assay.analysis.v1.ModelRecords records = request.getVariants(v);
      String field = "variants[" + v + "]";
      int n = records.getActualsCount();
      boolean isValid = FieldChecks.minimumSize(violations, n, 2, field + ".actuals");
      isValid &= sameLength(violations, records.getPredictionsCount(), n, field + ".predictions");
      isValid &= sameLength(violations, records.getLatenciesMsCount(), n, field + ".latencies_ms");
      isValid &= FieldChecks.finiteValues(violations, records.getActualsList(), field + ".actuals");
      isValid &=
          FieldChecks.finiteValues(
              violations, records.getPredictionsList(), field + ".predictions");
      isValid &=
          FieldChecks.finiteValues(
              violations, records.getLatenciesMsList(), field + ".latencies_ms");
      if (!isValid) {
        continue;
      }
      double[] latencies = FieldChecks.toArray(records.getLatenciesMsList());
      for (int i = 0; i < latencies.length; i++) {
        if (latencies[i] < 0) {
          violations.add(field + ".latencies_ms[" + i + "]", "must be >= 0, got " + latencies[i]);
          break;
        }
      }
      double[] actuals = FieldChecks.toArray(records.getActualsList());
      violations.check(
          ModelComparison.hasConstantActuals(actuals),
          field + ".actuals",
          "are all equal, so R^2 is undefined");
      variants.add(
          new ModelRecords(
              records.getName(),
              FieldChecks.toArray(records.getPredictionsList()),
              actuals,
              latencies));
    }
    double alpha =
        FieldChecks.openUnitInterval(
            violations, request.hasAlpha(), request.getAlpha(), "alpha", 0.05);
    violations.throwIfAny();
    CompareModelsResponse.Builder response = CompareModelsResponse.newBuilder();
    for (ModelMetrics m : ModelComparison.compare(variants, alpha)) {
      FieldChecks.requireFinite("variants", m.meanSquaredError(), m.rSquared(), m.latencyP99());
      response.addVariants(
          dev.assay.analysis.v1.ModelMetrics.newBuilder()
              .setName(m.name())
              .setCount(m.count())
              .setMeanSquaredError(m.meanSquaredError())
              .setMeanAbsoluteError(m.meanAbsoluteError())
              .setRSquared(m.rSquared())
              .setLatencyP50Ms(m.latencyP50())
              .setLatencyP95Ms(m.latencyP95())
              .setLatencyP99Ms(m.latencyP99())
              .setLatencyWorsePValue(m.latencyWorsePValue())
              .setLatencySignificantlyWorse(m.isLatencyWorse()));
    }
    return response.build();
  }

  /** A column with one value per record; returns whether it has. */
  private static boolean sameLength(Violations violations, int size, int records, String field) {
    boolean isSameLength = size == records;
    violations.check(
        !isSameLength, field, "must have one value per record (" + records + " actuals)");
    return isSameLength;
  }
}
