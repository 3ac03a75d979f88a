package dev.assay.analysis.sequential;

import dev.assay.analysis.inference.Interval;
import java.util.ArrayList;
import java.util.List;

/**
 * The mixture sequential probability ratio test for a difference of means or proportions with
 * always-valid p-values and confidence sequences (Johari, Koomen, Pekelis and Walsh, "Always Valid
 * Inference: Continuous Monitoring of A/B Tests", Operations Research 2022 / arXiv 2015; the normal
 * mixture of Robbins, 1970). With estimate d, its variance V and mixing variance tau^2 of the N(0,
 * tau^2) mixture over the effect:
 *
 * <pre>
 *   Lambda = sqrt(V / (V + tau^2)) exp(tau^2 d^2 / (2 V (V + tau^2)))
 *   p_n    = min(p_{n-1}, 1 / Lambda)
 *   CS_n   = CS_{n-1} intersected with d +- sqrt(V (V + tau^2) / tau^2 (2 log(1/alpha) + log((V + tau^2) / V)))
 * </pre>
 *
 * Looking after every new observation or every day keeps the type I error at or below alpha.
 */
public final class MixtureSprt {
  private MixtureSprt() {}

  /** The results at each look, in order; looks must carry positive variances (callers check). */
  public static List<AlwaysValidResult> analyze(
      List<Look> looks, double mixingVariance, double alpha) {
    List<AlwaysValidResult> results = new ArrayList<>(looks.size());
    double pValue = 1.0;
    double lower = Double.NEGATIVE_INFINITY;
    double upper = Double.POSITIVE_INFINITY;
    for (Look look : looks) {
      double v = look.variance();
      double total = v + mixingVariance;
      double logRatio =
          0.5 * Math.log(v / total)
              + mixingVariance * look.difference() * look.difference() / (2.0 * v * total);
      pValue = Math.min(pValue, Math.min(1.0, Math.exp(-logRatio)));
      double halfWidth =
          Math.sqrt(
              v * total / mixingVariance * (2.0 * Math.log(1.0 / alpha) + Math.log(total / v)));
      lower = Math.max(lower, look.difference() - halfWidth);
      upper = Math.min(upper, look.difference() + halfWidth);
      results.add(
          new AlwaysValidResult(
              Math.exp(logRatio), pValue, new Interval(lower, upper), pValue <= alpha));
    }
    return results;
  }
}
