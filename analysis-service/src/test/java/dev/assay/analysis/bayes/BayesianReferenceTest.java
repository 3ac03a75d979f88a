package dev.assay.analysis.bayes;

import static dev.assay.analysis.reference.Tolerance.assertClose;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.analysis.inference.Interval;
import dev.assay.analysis.reference.ReferenceData;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Beta-Binomial probabilities and losses agree with a 40-digit mpmath evaluation, credible
 * intervals with scipy.stats.beta.interval, and the normal model with scipy.stats.norm, to 1e-9.
 */
class BayesianReferenceTest {
  static Stream<Arguments> cases() {
    return ReferenceData.cases("bayesian_comparisons");
  }

  @ParameterizedTest
  @MethodSource("cases")
  void matchesReference(JsonNode c) {
    JsonNode e = c.get("expected");
    JsonNode control = c.get("control");
    JsonNode variant = c.get("variant");
    if (c.get("kind").asText().equals("beta")) {
      double a0 = c.get("prior").get(0).asDouble();
      double b0 = c.get("prior").get(1).asDouble();
      BetaPosterior controlPosterior =
          BetaPosterior.update(a0, b0, control.get(0).asLong(), control.get(1).asLong());
      BetaPosterior variantPosterior =
          BetaPosterior.update(a0, b0, variant.get(0).asLong(), variant.get(1).asLong());
      assertClose(
          e, "probability", BetaComparison.probabilityGreater(variantPosterior, controlPosterior));
      assertClose(
          e, "loss_shipped", BetaComparison.expectedLoss(variantPosterior, controlPosterior));
      assertClose(e, "loss_kept", BetaComparison.expectedLoss(controlPosterior, variantPosterior));
      Interval controlInterval = controlPosterior.credibleInterval(0.95);
      Interval variantInterval = variantPosterior.credibleInterval(0.95);
      assertClose(e, "control_lower", controlInterval.lower());
      assertClose(e, "control_upper", controlInterval.upper());
      assertClose(e, "variant_lower", variantInterval.lower());
      assertClose(e, "variant_upper", variantInterval.upper());
    } else {
      NormalPosterior controlPosterior =
          NormalPosterior.flat(
              control.get(1).asDouble(), control.get(2).asDouble(), control.get(0).asLong());
      NormalPosterior variantPosterior =
          NormalPosterior.flat(
              variant.get(1).asDouble(), variant.get(2).asDouble(), variant.get(0).asLong());
      assertClose(e, "probability", variantPosterior.probabilityGreater(controlPosterior));
      assertClose(e, "loss_shipped", variantPosterior.expectedLoss(controlPosterior));
      assertClose(e, "loss_kept", controlPosterior.expectedLoss(variantPosterior));
      Interval difference = variantPosterior.differenceInterval(controlPosterior, 0.95);
      assertClose(e, "difference_lower", difference.lower());
      assertClose(e, "difference_upper", difference.upper());
    }
  }
}
