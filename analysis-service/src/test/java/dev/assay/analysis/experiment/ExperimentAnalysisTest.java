package dev.assay.analysis.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assay.analysis.inference.Alternative;
import dev.assay.analysis.inference.ConfidenceLevel;
import dev.assay.analysis.means.SampleSummary;
import dev.assay.analysis.multiplicity.CorrectionMethod;
import dev.assay.analysis.multiplicity.PValueAdjustment;
import dev.assay.analysis.proportions.BinomialCounts;
import dev.assay.analysis.proportions.TwoProportionResult;
import dev.assay.analysis.proportions.TwoProportionZTest;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/** The recommendation rules and the figures behind them. */
class ExperimentAnalysisTest {
  private static final List<String> ARMS = List.of("control", "blue", "green");

  private static MetricData conversion(long... successesPer10000) {
    return MetricData.conversion(
        "conversion",
        false,
        Arrays.stream(successesPer10000).mapToObj(s -> new BinomialCounts(s, 10_000)).toList());
  }

  private static MetricData latency(double... means) {
    return MetricData.means(
        "latency",
        true,
        Arrays.stream(means).mapToObj(m -> new SampleSummary(10_000, m, 400)).toList());
  }

  private static ExperimentPlan plan(
      long[] units,
      MetricData primary,
      List<ExperimentPlan.Guardrail> guardrails,
      OptionalDouble practical) {
    return new ExperimentPlan(
        ARMS,
        Arrays.stream(units).boxed().toList(),
        List.of(1.0, 1.0, 1.0),
        0.001,
        primary,
        guardrails,
        0.05,
        CorrectionMethod.HOLM,
        practical);
  }

  private static final long[] BALANCED = {10_000, 10_050, 9_980};

  @Test
  void shipsTheBestVariantWhoseGuardrailsPass() {
    ExperimentReport report =
        ExperimentAnalysis.analyze(
            plan(
                BALANCED,
                conversion(1000, 1120, 1180),
                List.of(new ExperimentPlan.Guardrail(latency(200, 200.1, 199.8), 0.02)),
                OptionalDouble.empty()));
    assertEquals(Recommendation.SHIP, report.recommendation());
    assertEquals("green", report.recommendedArm().orElseThrow());
    assertEquals(GuardrailStatus.PASSED, report.variants().get(1).guardrails().get(0).status());
  }

  @Test
  void primaryFiguresAreTheZTestWithHolmAcrossVariants() {
    ExperimentReport report =
        ExperimentAnalysis.analyze(
            plan(BALANCED, conversion(1000, 1060, 1090), List.of(), OptionalDouble.empty()));
    ConfidenceLevel level = new ConfidenceLevel(0.95);
    double[] raw = new double[2];
    for (int arm = 1; arm <= 2; arm++) {
      TwoProportionResult direct =
          TwoProportionZTest.test(
              new BinomialCounts(1000, 10_000),
              new BinomialCounts(arm == 1 ? 1060 : 1090, 10_000),
              Alternative.TWO_SIDED,
              level);
      Comparison c = report.variants().get(arm - 1).primary();
      assertEquals(direct.pValue(), c.pValue());
      assertEquals(direct.differenceInterval(), c.interval());
      raw[arm - 1] = direct.pValue();
    }
    List<Double> holm = PValueAdjustment.adjust(raw, CorrectionMethod.HOLM, 0.05).adjusted();
    assertEquals(holm.get(0), report.variants().get(0).primary().adjustedPValue());
    assertEquals(holm.get(1), report.variants().get(1).primary().adjustedPValue());
  }

  @Test
  void breachedGuardrailStopsEvenAWinner() {
    ExperimentReport report =
        ExperimentAnalysis.analyze(
            plan(
                BALANCED,
                conversion(1000, 1000, 1180),
                List.of(new ExperimentPlan.Guardrail(latency(200, 200, 212), 0.02)),
                OptionalDouble.empty()));
    assertEquals(Recommendation.STOP_GUARDRAIL_BREACHED, report.recommendation());
    assertEquals(GuardrailStatus.BREACHED, report.variants().get(1).guardrails().get(0).status());
    assertTrue(report.reasons().get(0).contains("green"));
  }

  @Test
  void winnerWithInconclusiveGuardrailKeepsRunning() {
    ExperimentReport report =
        ExperimentAnalysis.analyze(
            plan(
                BALANCED,
                conversion(1000, 1000, 1180),
                List.of(new ExperimentPlan.Guardrail(latency(200, 200, 204), 0.02)),
                OptionalDouble.empty()));
    assertEquals(
        GuardrailStatus.INCONCLUSIVE, report.variants().get(1).guardrails().get(0).status());
    assertEquals(Recommendation.KEEP_RUNNING, report.recommendation());
  }

  @Test
  void stopsForLackOfEffectWhenNoIntervalReachesTheWorthwhileLift() {
    ExperimentReport report =
        ExperimentAnalysis.analyze(
            plan(BALANCED, conversion(1000, 1005, 995), List.of(), OptionalDouble.of(0.02)));
    assertEquals(Recommendation.STOP_NO_EFFECT, report.recommendation());
    ExperimentReport undecided =
        ExperimentAnalysis.analyze(
            plan(BALANCED, conversion(1000, 1005, 995), List.of(), OptionalDouble.of(0.005)));
    assertEquals(Recommendation.KEEP_RUNNING, undecided.recommendation());
  }

  @Test
  void sampleRatioMismatchOverridesEverything() {
    ExperimentReport report =
        ExperimentAnalysis.analyze(
            plan(
                new long[] {10_000, 11_000, 10_000},
                conversion(1000, 1200, 1180),
                List.of(),
                OptionalDouble.empty()));
    assertTrue(report.sampleRatio().isMismatch());
    assertEquals(Recommendation.INVESTIGATE_SAMPLE_RATIO, report.recommendation());
    assertFalse(report.recommendedArm().isPresent());
  }

  @Test
  void lowerIsBetterMetricsShipDecreases() {
    ExperimentReport report =
        ExperimentAnalysis.analyze(
            plan(BALANCED, latency(200, 195, 201), List.of(), OptionalDouble.empty()));
    assertEquals(Recommendation.SHIP, report.recommendation());
    assertEquals("blue", report.recommendedArm().orElseThrow());
  }
}
