package dev.assay.analysis.results;

import dev.assay.analysis.experiment.GuardrailStatus;
import dev.assay.analysis.inference.Interval;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What the always-valid figures say, valid at every look: which guardrails are breached, and which
 * variation wins on the primary metric with every guardrail holding. The results' recommendation
 * before the planned size and the monitor both decide on these.
 */
public final class AlwaysValidVerdicts {
  private AlwaysValidVerdicts() {}

  /**
   * A guardrail breached by one variation.
   *
   * @param metricKey the guardrail metric
   * @param variationKey the variation
   * @param interval the always-valid interval of the variation minus control
   * @param margin the tolerated absolute degradation
   * @param evidence one ASCII sentence for the audit trail
   */
  public record Breach(
      String metricKey, String variationKey, Interval interval, double margin, String evidence) {}

  /**
   * A variation conclusively better on the primary metric, every guardrail holding.
   *
   * @param variationIndex its index
   * @param variationKey its key
   * @param improvement the lift in the better direction
   * @param evidence one ASCII sentence for the audit trail
   */
  public record Winner(
      int variationIndex, String variationKey, double improvement, String evidence) {}

  /** Every guardrail × variation whose status is BREACHED. */
  public static List<Breach> breaches(List<MetricResult> metrics) {
    List<Breach> breaches = new ArrayList<>();
    for (MetricResult metric : metrics) {
      if (metric.role() != MetricRole.GUARDRAIL) {
        continue;
      }
      double control = controlValue(metric);
      double margin = metric.guardrailMargin() * Math.abs(control);
      for (VariationMetric v : metric.variations()) {
        if (v.guardrailStatus().orElse(null) != GuardrailStatus.BREACHED
            || v.alwaysValidInterval().isEmpty()) {
          continue;
        }
        Interval interval = v.alwaysValidInterval().get();
        breaches.add(
            new Breach(
                metric.key(),
                v.key(),
                interval,
                margin,
                String.format(
                    Locale.ROOT,
                    "guardrail %s breached by %s: always-valid interval [%.6g, %.6g] of %s minus"
                        + " control is a degradation beyond the margin %.6g (%.4g of control %.6g,"
                        + " %s is better)",
                    metric.key(),
                    v.key(),
                    interval.lower(),
                    interval.upper(),
                    v.key(),
                    margin,
                    metric.guardrailMargin(),
                    control,
                    metric.isDecreaseBetter() ? "lower" : "higher")));
      }
    }
    return breaches;
  }

  /**
   * The variation whose always-valid interval on the primary metric lies wholly on the better side
   * of 0 while every guardrail named in the plan PASSED for it (the largest improvement among
   * several); empty without a primary metric in {@code metrics}.
   */
  public static Optional<Winner> winner(List<MetricResult> metrics, List<String> planGuardrails) {
    MetricResult primary = null;
    for (MetricResult metric : metrics) {
      if (metric.role() == MetricRole.PRIMARY) {
        primary = metric;
      }
    }
    if (primary == null) {
      return Optional.empty();
    }
    Winner best = null;
    for (VariationMetric v : primary.variations()) {
      if (v.index() == primary.variations().get(0).index() || v.alwaysValidInterval().isEmpty()) {
        continue;
      }
      Interval interval = v.alwaysValidInterval().get();
      double worst =
          Math.min(primary.improvement(interval.lower()), primary.improvement(interval.upper()));
      if (!(worst > 0) || !isEveryGuardrailPassed(metrics, planGuardrails, v.index())) {
        continue;
      }
      double improvement =
          primary.improvement(v.absoluteLift().map(Estimate::estimate).orElse(0.0));
      if (best == null || improvement > best.improvement()) {
        best =
            new Winner(
                v.index(),
                v.key(),
                improvement,
                String.format(
                    Locale.ROOT,
                    "%s wins on %s: always-valid interval [%.6g, %.6g] of %s minus control"
                        + " (always-valid p = %.3g) and every guardrail passed",
                    v.key(),
                    primary.key(),
                    interval.lower(),
                    interval.upper(),
                    v.key(),
                    v.alwaysValidPValue().orElse(1.0)));
      }
    }
    return Optional.ofNullable(best);
  }

  private static boolean isEveryGuardrailPassed(
      List<MetricResult> metrics, List<String> planGuardrails, int variationIndex) {
    for (String key : planGuardrails) {
      boolean isPassed = false;
      for (MetricResult metric : metrics) {
        if (metric.key().equals(key) && metric.role() == MetricRole.GUARDRAIL) {
          for (VariationMetric v : metric.variations()) {
            if (v.index() == variationIndex
                && v.guardrailStatus().orElse(null) == GuardrailStatus.PASSED) {
              isPassed = true;
            }
          }
        }
      }
      if (!isPassed) {
        return false;
      }
    }
    return true;
  }

  private static double controlValue(MetricResult metric) {
    return metric.variations().isEmpty() ? 0.0 : metric.variations().get(0).value().orElse(0.0);
  }
}
