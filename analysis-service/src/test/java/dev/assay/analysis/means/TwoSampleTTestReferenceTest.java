package dev.assay.analysis.means;

import static dev.assay.analysis.reference.Tolerance.assertClose;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.analysis.inference.Alternative;
import dev.assay.analysis.inference.ConfidenceLevel;
import dev.assay.analysis.reference.ReferenceData;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Welch and Student t-tests agree with scipy.stats.ttest_ind / ttest_ind_from_stats to 1e-9. */
class TwoSampleTTestReferenceTest {
  static Stream<Arguments> rawCases() {
    return ReferenceData.cases("t_tests");
  }

  static Stream<Arguments> summaryCases() {
    return ReferenceData.cases("summary_t_tests");
  }

  @ParameterizedTest
  @MethodSource("rawCases")
  void rawSamplesMatchScipy(JsonNode c) {
    String name = c.get("sample").asText();
    SampleSummary control = SampleSummary.of(ReferenceData.sample(name, "control"));
    SampleSummary treatment = SampleSummary.of(ReferenceData.sample(name, "treatment"));
    assertMatches(c, TwoSampleTTest.test(control, treatment, method(c), alternative(c), level(c)));
  }

  @ParameterizedTest
  @MethodSource("summaryCases")
  void summariesMatchScipy(JsonNode c) {
    assertMatches(
        c,
        TwoSampleTTest.test(
            summary(c.get("control")),
            summary(c.get("treatment")),
            method(c),
            alternative(c),
            level(c)));
  }

  private static void assertMatches(JsonNode c, TTestResult result) {
    JsonNode e = c.get("expected");
    assertClose(e, "statistic", result.statistic());
    assertClose(e, "df", result.degreesOfFreedom());
    assertClose(e, "p_value", result.pValue());
    assertClose(e, "ci_lower", result.differenceInterval().lower());
    assertClose(e, "ci_upper", result.differenceInterval().upper());
    RelativeLift lift = result.relativeLift().orElseThrow();
    assertClose(e, "lift", lift.estimate());
    assertClose(e, "lift_lower", lift.interval().lower());
    assertClose(e, "lift_upper", lift.interval().upper());
  }

  private static SampleSummary summary(JsonNode triple) {
    return new SampleSummary(
        triple.get(0).asLong(), triple.get(1).asDouble(), triple.get(2).asDouble());
  }

  static TTestMethod method(JsonNode c) {
    return TTestMethod.valueOf(c.get("method").asText());
  }

  static Alternative alternative(JsonNode c) {
    return Alternative.valueOf(c.get("alternative").asText());
  }

  static ConfidenceLevel level(JsonNode c) {
    return new ConfidenceLevel(c.get("confidence_level").asDouble());
  }
}
