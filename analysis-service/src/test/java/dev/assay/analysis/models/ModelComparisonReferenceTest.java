package dev.assay.analysis.models;

import static dev.assay.analysis.reference.Tolerance.assertClose;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.analysis.reference.ReferenceData;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Model comparison agrees with numpy/sklearn formulas, numpy.percentile and scipy mannwhitneyu to
 * 1e-9.
 */
class ModelComparisonReferenceTest {
  static Stream<Arguments> cases() {
    return ReferenceData.cases("model_comparisons");
  }

  @ParameterizedTest
  @MethodSource("cases")
  void matchesNumpyAndScipy(JsonNode c) {
    double[] actuals = ReferenceData.doubles(c.get("actuals"));
    List<ModelRecords> records = new ArrayList<>();
    for (JsonNode v : c.get("variants")) {
      records.add(
          new ModelRecords(
              v.get("name").asText(),
              ReferenceData.doubles(v.get("predictions")),
              actuals,
              ReferenceData.doubles(v.get("latencies"))));
    }
    List<ModelMetrics> metrics = ModelComparison.compare(records, 0.05);
    for (int i = 0; i < metrics.size(); i++) {
      JsonNode e = c.get("variants").get(i).get("expected");
      ModelMetrics m = metrics.get(i);
      assertClose(e, "mse", m.meanSquaredError());
      assertClose(e, "mae", m.meanAbsoluteError());
      assertClose(e, "r2", m.rSquared());
      assertClose(e, "p50", m.latencyP50());
      assertClose(e, "p95", m.latencyP95());
      assertClose(e, "p99", m.latencyP99());
      assertClose(e, "latency_p_value", m.latencyWorsePValue());
    }
  }
}
