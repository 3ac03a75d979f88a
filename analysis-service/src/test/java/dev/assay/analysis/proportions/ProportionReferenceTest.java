package dev.assay.analysis.proportions;

import static dev.assay.analysis.reference.Tolerance.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.analysis.inference.Alternative;
import dev.assay.analysis.inference.ConfidenceLevel;
import dev.assay.analysis.inference.Interval;
import dev.assay.analysis.means.RelativeLift;
import dev.assay.analysis.reference.ReferenceData;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Proportion tests and intervals agree with statsmodels and scipy to 1e-9. */
class ProportionReferenceTest {
  static Stream<Arguments> twoProportionCases() {
    return ReferenceData.cases("two_proportion_tests");
  }

  static Stream<Arguments> intervalCases() {
    return ReferenceData.cases("proportion_intervals");
  }

  static Stream<Arguments> chiSquareCases() {
    return ReferenceData.cases("chi_square_tests");
  }

  @ParameterizedTest
  @MethodSource("twoProportionCases")
  void twoProportionZTestMatchesStatsmodels(JsonNode c) {
    JsonNode e = c.get("expected");
    TwoProportionResult result =
        TwoProportionZTest.test(
            counts(c.get("control")),
            counts(c.get("treatment")),
            Alternative.valueOf(c.get("alternative").asText()),
            new ConfidenceLevel(c.get("confidence_level").asDouble()));
    assertClose(e, "statistic", result.statistic());
    assertClose(e, "p_value", result.pValue());
    assertClose(e, "ci_lower", result.differenceInterval().lower());
    assertClose(e, "ci_upper", result.differenceInterval().upper());
    Optional<RelativeLift> lift = result.relativeLift();
    assertEquals(e.has("lift"), lift.isPresent());
    if (lift.isPresent()) {
      assertClose(e, "lift", lift.get().estimate());
      assertClose(e, "lift_lower", lift.get().interval().lower());
      assertClose(e, "lift_upper", lift.get().interval().upper());
    }
  }

  @ParameterizedTest
  @MethodSource("intervalCases")
  void proportionIntervalMatchesStatsmodels(JsonNode c) {
    Interval interval =
        ProportionInterval.of(
            new BinomialCounts(c.get("successes").asLong(), c.get("trials").asLong()),
            ProportionIntervalMethod.valueOf(c.get("method").asText()),
            new ConfidenceLevel(c.get("confidence_level").asDouble()));
    assertClose(c.get("expected"), "lower", interval.lower());
    assertClose(c.get("expected"), "upper", interval.upper());
  }

  @ParameterizedTest
  @MethodSource("chiSquareCases")
  void chiSquareIndependenceMatchesScipy(JsonNode c) {
    JsonNode table = c.get("table");
    long[][] counts = new long[table.size()][];
    for (int i = 0; i < counts.length; i++) {
      counts[i] = ReferenceData.longs(table.get(i));
    }
    ContingencyTableResult result =
        ChiSquareIndependenceTest.test(counts, c.get("yates_correction").asBoolean());
    JsonNode e = c.get("expected");
    assertClose(e, "statistic", result.statistic());
    assertClose(e, "p_value", result.pValue());
    assertEquals(e.get("df").asLong(), result.degreesOfFreedom());
    for (int i = 0; i < counts.length; i++) {
      for (int j = 0; j < counts[i].length; j++) {
        assertClose(
            e.get("expected").get(i).get(j).asDouble(),
            result.expected().get(i).get(j),
            "expected[" + i + "][" + j + "]");
      }
    }
  }

  private static BinomialCounts counts(JsonNode pair) {
    return new BinomialCounts(pair.get(0).asLong(), pair.get(1).asLong());
  }
}
