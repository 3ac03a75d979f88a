package dev.assay.analysis.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assay.analysis.aggregates.ExperimentAggregate;
import dev.assay.analysis.aggregates.MetricMoments;
import dev.assay.analysis.aggregates.VariationAggregate;
import dev.assay.analysis.aggregates.WeightEpoch;
import dev.assay.analysis.experiment.GuardrailStatus;
import dev.assay.analysis.experiment.Recommendation;
import dev.assay.analysis.experiments.AnalysisPlan;
import dev.assay.analysis.experiments.ExperimentDefinition;
import dev.assay.analysis.experiments.MonitorPolicy;
import dev.assay.analysis.metrics.MetricKind;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The calculator's rules: recommendation, SRM across weight changes, undefined figures, metrics.
 */
class ResultsCalculatorTest {
  private final Fixtures.Catalog catalog =
      new Fixtures.Catalog()
          .put(Fixtures.metric("checkout", MetricKind.CONVERSION, false, 0, false))
          .put(Fixtures.metric("latency", MetricKind.MEAN, true, 0.05, false))
          .put(Fixtures.metric("revenue", MetricKind.SUM, false, 0, false));
  private final ResultsCalculator calculator = new ResultsCalculator(catalog);

  private ExperimentResults calculate(
      ExperimentAggregate aggregate, long plannedUnits, List<String> requested) {
    ExperimentDefinition definition =
        Fixtures.running(
            "exp",
            List.of("control", "treatment"),
            Fixtures.plan(
                "checkout", List.of("latency"), List.of(), plannedUnits, 0.05, MonitorPolicy.OFF));
    return calculator.calculate(
        aggregate, aggregate, Optional.of(definition), requested, List.of());
  }

  private static ExperimentAggregate twoArms(
      long units, long controlConversions, long treatmentConversions, double latencyShift) {
    return Fixtures.aggregate(
        "exp",
        Fixtures.NOW,
        new long[] {units, units},
        List.of(
            Map.of(
                "checkout", Fixtures.conversions(controlConversions, units),
                "latency", Fixtures.means(units, 200, 2_500)),
            Map.of(
                "checkout", Fixtures.conversions(treatmentConversions, units),
                "latency", Fixtures.means(units, 200 + latencyShift, 2_500))));
  }

  @Test
  void beforeThePlannedSizeOnlyTheAlwaysValidTestShips() {
    // Fixed-horizon significant (p ~ 0.004) but not yet conclusive at every look.
    ExperimentResults early = calculate(twoArms(5_000, 500, 580, 0), 1_000_000, List.of());
    VariationMetric treatment = early.metrics().get(0).variations().get(1);
    assertTrue(treatment.pValue().orElseThrow() < 0.01);
    assertFalse(treatment.isPValueValid());
    assertTrue(treatment.alwaysValidPValue().orElseThrow() > 0.05);
    assertEquals(Recommendation.KEEP_RUNNING, early.recommendation());

    // The same data with the plan reached: the fixed-horizon decision ships.
    ExperimentResults reached = calculate(twoArms(5_000, 500, 580, 0), 10_000, List.of());
    assertTrue(reached.metrics().get(0).variations().get(1).isPValueValid());
    assertEquals(Recommendation.SHIP, reached.recommendation());
    assertEquals(Optional.of("treatment"), reached.recommendedVariation());

    // A large effect is conclusive at any look: ships early, on the always-valid figures.
    ExperimentResults strong = calculate(twoArms(10_000, 1_000, 1_300, 0), 1_000_000, List.of());
    assertEquals(Recommendation.SHIP, strong.recommendation());
    assertTrue(strong.reasons().stream().anyMatch(r -> r.contains("always-valid")));
  }

  @Test
  void aBreachedGuardrailStopsAndAMismatchOverridesEverything() {
    ExperimentResults breached = calculate(twoArms(5_000, 500, 600, 60), 1_000_000, List.of());
    assertEquals(Recommendation.STOP_GUARDRAIL_BREACHED, breached.recommendation());
    assertEquals(
        GuardrailStatus.BREACHED,
        breached.metrics().get(1).variations().get(1).guardrailStatus().orElseThrow());

    ExperimentAggregate skewed =
        Fixtures.aggregate(
            "exp",
            Fixtures.NOW,
            new long[] {5_000, 4_500},
            List.of(
                Map.of("checkout", Fixtures.conversions(500, 5_000)),
                Map.of("checkout", Fixtures.conversions(600, 4_500))));
    ExperimentResults mismatch = calculate(skewed, 1_000_000, List.of());
    assertTrue(mismatch.sampleRatio().orElseThrow().isMismatch());
    assertEquals(Recommendation.INVESTIGATE_SAMPLE_RATIO, mismatch.recommendation());
  }

  @Test
  void unitsExposedUnderChangedWeightsAreExpectedUnderThoseWeights() {
    // 1,000/1,000 at 50/50, then 800/200 at 80/20: 1,800/1,200 overall is exactly as expected.
    ExperimentAggregate aggregate =
        new ExperimentAggregate(
            "exp",
            Fixtures.NOW,
            Optional.of(Fixtures.NOW.minus(Duration.ofDays(1))),
            List.of(
                new VariationAggregate(0, "control", 1_800, Map.of()),
                new VariationAggregate(1, "treatment", 1_200, Map.of())),
            List.of(
                new WeightEpoch(List.of(0.5, 0.5), List.of(1_000L, 1_000L)),
                new WeightEpoch(List.of(0.8, 0.2), List.of(800L, 200L))));
    ExperimentResults results = calculate(aggregate, 0, List.of());
    assertEquals(0.0, results.sampleRatio().orElseThrow().statistic(), 1e-12);
    assertFalse(results.sampleRatio().get().isMismatch());
    assertEquals(0.6, results.variations().get(0).expectedShare(), 1e-12);
    assertEquals(0.4, results.variations().get(1).expectedShare(), 1e-12);
  }

  @Test
  void undefinedFiguresAreLeftOutWithAReasonNeverNaN() {
    ExperimentAggregate tiny =
        Fixtures.aggregate(
            "exp",
            Fixtures.NOW,
            new long[] {1, 3},
            List.of(
                Map.of("latency", new MetricMoments(1, 200, 40_000, 0, 0, 0, 0, 0, 0)),
                Map.of("latency", Fixtures.means(3, 210, 0))));
    ExperimentResults results = calculate(tiny, 0, List.of());
    MetricResult checkout = results.metrics().get(0);
    // No conversions anywhere: rates are 0, the test is undefined.
    assertEquals(0.0, checkout.variations().get(1).value().orElseThrow());
    assertTrue(checkout.variations().get(1).pValue().isEmpty());
    MetricResult latency = results.metrics().get(1);
    assertTrue(latency.variations().get(0).valueInterval().isEmpty(), "one unit: no interval");
    assertTrue(latency.variations().get(1).absoluteLift().isEmpty());
    assertEquals(
        GuardrailStatus.INCONCLUSIVE, latency.variations().get(1).guardrailStatus().orElseThrow());
    assertTrue(
        results.reasons().stream().anyMatch(r -> r.startsWith("metric latency: no test")),
        results.reasons().toString());
    assertEquals(Recommendation.KEEP_RUNNING, results.recommendation());
  }

  @Test
  void requestedMetricsAreShownAndUnknownOnesNamedInTheReasons() {
    ExperimentResults results =
        calculate(twoArms(1_000, 100, 110, 0), 0, List.of("revenue", "nope", "checkout"));
    assertEquals(
        List.of("checkout", "revenue"),
        results.metrics().stream().map(MetricResult::key).toList(),
        "primary first, then secondary");
    assertEquals(MetricRole.SECONDARY, results.metrics().get(1).role());
    assertTrue(results.reasons().contains("metric nope has no definition: left out"));
  }

  @Test
  void withoutAPlanEveryMetricWithDataIsShownAndNothingIsDecided() {
    ExperimentResults results =
        calculator.calculate(
            twoArms(1_000, 100, 110, 0),
            twoArms(1_000, 100, 110, 0),
            Optional.empty(),
            List.of(),
            List.of("no definition"));
    assertEquals(
        List.of("checkout", "latency"), results.metrics().stream().map(MetricResult::key).toList());
    assertTrue(results.metrics().stream().allMatch(m -> m.role() == MetricRole.SECONDARY));
    assertEquals(Recommendation.KEEP_RUNNING, results.recommendation());
    assertEquals("no definition", results.reasons().get(0));
    assertEquals(0.05, results.alpha());
  }

  @Test
  void progressEstimatesTheDaysLeftFromTheRateSinceTheFirstExposure() {
    // 2,000 units in the two days since the first exposure: 8,000 more take 8 days.
    ExperimentResults results = calculate(twoArms(1_000, 100, 110, 0), 10_000, List.of());
    assertEquals(0.2, results.progress().fraction(), 1e-12);
    assertEquals(8.0, results.progress().estimatedDaysLeft().orElseThrow(), 1e-9);
    ExperimentResults done = calculate(twoArms(6_000, 600, 610, 0), 10_000, List.of());
    assertEquals(1.0, done.progress().fraction());
    assertTrue(done.progress().estimatedDaysLeft().isEmpty());
  }

  @Test
  void holmAdjustsAcrossEveryMetricAndVariation() {
    ExperimentResults results = calculate(twoArms(5_000, 500, 580, 1), 0, List.of());
    VariationMetric checkout = results.metrics().get(0).variations().get(1);
    VariationMetric latency = results.metrics().get(1).variations().get(1);
    double smaller = Math.min(checkout.pValue().orElseThrow(), latency.pValue().orElseThrow());
    double larger = Math.max(checkout.pValue().orElseThrow(), latency.pValue().orElseThrow());
    double adjustedSmaller =
        Math.min(checkout.adjustedPValue().orElseThrow(), latency.adjustedPValue().orElseThrow());
    assertEquals(Math.min(1, 2 * smaller), adjustedSmaller, 1e-15);
    assertEquals(
        Math.max(Math.min(1, 2 * smaller), larger),
        Math.max(checkout.adjustedPValue().orElseThrow(), latency.adjustedPValue().orElseThrow()),
        1e-15);
  }

  @Test
  void aPlanWithAGuardrailWithoutDefinitionNeverShips() {
    ExperimentDefinition definition =
        Fixtures.running(
            "exp",
            List.of("control", "treatment"),
            new AnalysisPlan(
                Optional.of("checkout"),
                List.of("ghost"),
                List.of(),
                1_000_000,
                java.util.OptionalDouble.empty(),
                MonitorPolicy.OFF));
    ExperimentAggregate strong = twoArms(10_000, 1_000, 1_300, 0);
    ExperimentResults results =
        calculator.calculate(strong, strong, Optional.of(definition), List.of(), List.of());
    assertEquals(Recommendation.KEEP_RUNNING, results.recommendation());
    assertTrue(
        results.reasons().contains("guardrail ghost has no definition, so it can never pass"));
  }
}
