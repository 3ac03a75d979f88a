package dev.assay.analysis.power;

import static dev.assay.analysis.reference.Tolerance.assertClose;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.analysis.inference.Alternative;
import dev.assay.analysis.reference.ReferenceData;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Power, sample size and minimum detectable effect agree to 1e-9 with statsmodels NormalIndPower /
 * TTestIndPower (and the unpooled formula): power directly, sample size and effect with the exact
 * root of statsmodels' power function.
 */
class PowerReferenceTest {
  static Stream<Arguments> cases() {
    return ReferenceData.cases("power_analyses");
  }

  @ParameterizedTest
  @MethodSource("cases")
  void matchesStatsmodels(JsonNode c) {
    PowerDesign design =
        new PowerDesign(
            c.get("alpha").asDouble(),
            Alternative.valueOf(c.get("alternative").asText()),
            c.get("ratio").asDouble());
    double base = c.get("base").asDouble();
    PowerFunction function =
        switch (c.get("kind").asText()) {
          case "cohens_h" -> new CohensHPower(base, design);
          case "unpooled" -> new UnpooledProportionPower(base, design);
          case "mean_normal" -> new MeanPower(base, false, design);
          case "mean_t" -> new MeanPower(base, true, design);
          default -> throw new IllegalArgumentException(c.toString());
        };
    double expected = c.get("expected").asDouble();
    switch (c.get("solve").asText()) {
      case "power" ->
          assertClose(
              expected,
              PowerSolver.solvePower(
                      function, c.get("sample_size").asDouble(), c.get("effect").asDouble())
                  .power(),
              c.toString());
      case "sample_size" ->
          assertClose(
              expected,
              PowerSolver.solveSampleSize(
                      function, c.get("effect").asDouble(), c.get("power").asDouble())
                  .controlSampleSize(),
              c.toString());
      case "effect" ->
          assertClose(
              expected,
              PowerSolver.solveEffect(
                      function, c.get("sample_size").asDouble(), c.get("power").asDouble())
                  .effect(),
              c.toString());
      default -> throw new IllegalArgumentException(c.toString());
    }
  }
}
