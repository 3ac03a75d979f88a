package dev.assay.analysis.ranks;

import static dev.assay.analysis.reference.Tolerance.assertClose;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.analysis.inference.Alternative;
import dev.assay.analysis.reference.ReferenceData;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The Mann-Whitney U test agrees with scipy.stats.mannwhitneyu to 1e-9 (exact and asymptotic). */
class MannWhitneyReferenceTest {
  static Stream<Arguments> cases() {
    return ReferenceData.cases("mann_whitney_tests");
  }

  @ParameterizedTest
  @MethodSource("cases")
  void matchesScipy(JsonNode c) {
    String name = c.get("sample").asText();
    double[] control = ReferenceData.sample(name, "control");
    double[] treatment = ReferenceData.sample(name, "treatment");
    Optional<MannWhitneyMethod> method =
        c.get("method").asText().equals("AUTO")
            ? Optional.empty()
            : Optional.of(MannWhitneyMethod.ASYMPTOTIC);
    MannWhitneyResult result =
        MannWhitneyTest.test(
            control,
            control.length,
            treatment,
            treatment.length,
            Alternative.valueOf(c.get("alternative").asText()),
            method,
            c.get("continuity").asBoolean());
    assertClose(c.get("expected"), "u", result.uStatistic());
    assertClose(c.get("expected"), "p_value", result.pValue());
  }
}
