package dev.assay.analysis.cuped;

import static dev.assay.analysis.reference.Tolerance.assertClose;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.analysis.inference.Alternative;
import dev.assay.analysis.inference.ConfidenceLevel;
import dev.assay.analysis.means.TTestMethod;
import dev.assay.analysis.ratio.RatioMetricTest;
import dev.assay.analysis.ratio.RatioResult;
import dev.assay.analysis.reference.ReferenceData;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * CUPED matches scipy's t-test on the covariate-adjusted values; ratio metrics match the
 * delta-method formula evaluated with numpy and scipy; both to 1e-9.
 */
class PairedMetricReferenceTest {
  static Stream<Arguments> cupedCases() {
    return ReferenceData.cases("cuped_tests");
  }

  static Stream<Arguments> ratioCases() {
    return ReferenceData.cases("ratio_tests");
  }

  private static PairedMoments moments(String sample, String group) {
    return PairedMoments.of(
        ReferenceData.sample(sample, group), ReferenceData.sample(sample, group + "_covariate"));
  }

  @ParameterizedTest
  @MethodSource("cupedCases")
  void cupedMatchesTTestOnAdjustedValues(JsonNode c) {
    String sample = c.get("sample").asText();
    CupedResult result =
        Cuped.test(
            moments(sample, "control"),
            moments(sample, "treatment"),
            TTestMethod.valueOf(c.get("method").asText()),
            Alternative.valueOf(c.get("alternative").asText()),
            ConfidenceLevel.DEFAULT);
    JsonNode e = c.get("expected");
    assertClose(e, "theta", result.theta());
    assertClose(e, "statistic", result.adjusted().statistic());
    assertClose(e, "p_value", result.adjusted().pValue());
    assertClose(e, "df", result.adjusted().degreesOfFreedom());
    assertClose(e, "ci_lower", result.adjusted().differenceInterval().lower());
    assertClose(e, "ci_upper", result.adjusted().differenceInterval().upper());
    assertClose(e, "control_mean", result.control().mean());
    assertClose(e, "treatment_mean", result.treatment().mean());
    assertClose(e, "control_variance", result.control().variance());
    assertClose(e, "treatment_variance", result.treatment().variance());
    assertClose(e, "variance_reduction", result.varianceReduction());
  }

  @ParameterizedTest
  @MethodSource("ratioCases")
  void ratioMetricMatchesDeltaMethod(JsonNode c) {
    String sample = c.get("sample").asText();
    RatioResult result =
        RatioMetricTest.test(
            moments(sample, "control"),
            moments(sample, "treatment"),
            Alternative.valueOf(c.get("alternative").asText()),
            new ConfidenceLevel(c.get("confidence_level").asDouble()));
    JsonNode e = c.get("expected");
    assertClose(e, "control_ratio", result.controlRatio());
    assertClose(e, "treatment_ratio", result.treatmentRatio());
    assertClose(e, "control_variance", result.controlVariance());
    assertClose(e, "treatment_variance", result.treatmentVariance());
    assertClose(e, "statistic", result.statistic());
    assertClose(e, "p_value", result.pValue());
    assertClose(e, "ci_lower", result.differenceInterval().lower());
    assertClose(e, "ci_upper", result.differenceInterval().upper());
    assertClose(e, "lift", result.relativeLift().orElseThrow().estimate());
    assertClose(e, "lift_lower", result.relativeLift().orElseThrow().interval().lower());
    assertClose(e, "lift_upper", result.relativeLift().orElseThrow().interval().upper());
  }
}
