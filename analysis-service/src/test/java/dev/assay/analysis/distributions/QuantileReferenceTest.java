package dev.assay.analysis.distributions;

import static dev.assay.analysis.reference.Tolerance.assertClose;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.analysis.reference.ReferenceData;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every inverse CDF the service uses agrees with scipy's ppf / isf to 1e-9 relative. */
class QuantileReferenceTest {
  static Stream<Arguments> quantiles() {
    return ReferenceData.cases("quantiles");
  }

  @ParameterizedTest
  @MethodSource("quantiles")
  void quantileMatchesScipy(JsonNode c) {
    double p = c.get("p").asDouble();
    double actual =
        switch (c.get("distribution").asText()) {
          case "normal" -> StandardNormal.quantile(p);
          case "t_upper" -> new StudentT(c.get("df").asDouble()).upperQuantile(p);
          case "beta" -> BetaQuantile.lower(p, c.get("a").asDouble(), c.get("b").asDouble());
          default -> throw new IllegalArgumentException(c.toString());
        };
    assertClose(c.get("expected").asDouble(), actual, c.toString());
  }
}
