package dev.assay.analysis.multiplicity;

import static dev.assay.analysis.reference.Tolerance.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.analysis.reference.ReferenceData;
import dev.assay.analysis.srm.SampleRatioCheck;
import dev.assay.analysis.srm.SampleRatioResult;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Multiple-testing corrections match statsmodels multipletests; SRM matches scipy chisquare. */
class CountReferenceTest {
  static Stream<Arguments> corrections() {
    return ReferenceData.cases("multiple_testing");
  }

  static Stream<Arguments> srmChecks() {
    return ReferenceData.cases("srm_checks");
  }

  @ParameterizedTest
  @MethodSource("corrections")
  void adjustedPValuesMatchStatsmodels(JsonNode c) {
    double[] p = ReferenceData.doubles(c.get("p_values"));
    AdjustedPValues result =
        PValueAdjustment.adjust(
            p, CorrectionMethod.valueOf(c.get("method").asText()), c.get("alpha").asDouble());
    JsonNode e = c.get("expected");
    for (int i = 0; i < p.length; i++) {
      assertClose(
          e.get("adjusted").get(i).asDouble(),
          result.adjusted().get(i),
          "adjusted[" + i + "] of " + c);
      assertEquals(
          e.get("rejected").get(i).asBoolean(),
          result.rejected().get(i),
          "rejected[" + i + "] of " + c);
    }
  }

  @ParameterizedTest
  @MethodSource("srmChecks")
  void sampleRatioCheckMatchesScipy(JsonNode c) {
    SampleRatioResult result =
        SampleRatioCheck.check(
            ReferenceData.longs(c.get("observed")),
            ReferenceData.doubles(c.get("weights")),
            SampleRatioCheck.DEFAULT_THRESHOLD);
    JsonNode e = c.get("expected");
    assertClose(e, "statistic", result.statistic());
    assertClose(e, "p_value", result.pValue());
    assertEquals(e.get("mismatch").asBoolean(), result.isMismatch());
  }
}
