package dev.assay.analysis.results;

import static dev.assay.analysis.reference.Tolerance.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assay.analysis.aggregates.ExperimentAggregate;
import dev.assay.analysis.aggregates.MetricMoments;
import dev.assay.analysis.aggregates.VariationAggregate;
import dev.assay.analysis.aggregates.WeightEpoch;
import dev.assay.analysis.experiment.GuardrailStatus;
import dev.assay.analysis.experiments.ExperimentDefinition;
import dev.assay.analysis.experiments.MonitorPolicy;
import dev.assay.analysis.inference.Interval;
import dev.assay.analysis.metrics.MetricKind;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every figure of the results matches scipy / statsmodels on the same sufficient statistics ({@code
 * results/generate_results.py} → {@code results.json}) to 1e-9 relative.
 */
class ResultsReferenceTest {
  private static final JsonNode CASES = load().get("cases");

  static Stream<Arguments> cases() {
    return StreamSupport.stream(CASES.spliterator(), false)
        .map(c -> Arguments.of(c.get("name").asText(), c));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void everyFigureMatchesTheReference(String name, JsonNode c) {
    ExperimentResults results = calculate(c);
    JsonNode expected = c.get("expected");
    assertClose(expected.get("srm"), "statistic", results.sampleRatio().orElseThrow().statistic());
    assertClose(expected.get("srm"), "p_value", results.sampleRatio().orElseThrow().pValue());
    for (int i = 0; i < results.variations().size(); i++) {
      assertClose(
          expected.get("srm").get("shares").get(i).asDouble(),
          results.variations().get(i).expectedShare(),
          "share " + i);
      assertEquals(c.get("units").get(i).asLong(), results.variations().get(i).units());
    }
    assertEquals(c.get("metrics").size(), results.metrics().size());
    for (MetricResult metric : results.metrics()) {
      JsonNode rows = expected.get("metrics").get(metric.key());
      for (int v = 0; v < rows.size(); v++) {
        check(metric.key() + "[" + v + "]", rows.get(v), metric.variations().get(v));
      }
    }
  }

  private static void check(String where, JsonNode row, VariationMetric actual) {
    assertClose(row.get("value").asDouble(), actual.value().orElseThrow(), where + ".value");
    interval(where + ".value_interval", row, "value", actual.valueInterval());
    if (!row.has("abs")) {
      assertTrue(actual.absoluteLift().isEmpty(), where + ": control has no lift");
      return;
    }
    Estimate lift = actual.absoluteLift().orElseThrow();
    assertClose(row.get("abs").asDouble(), lift.estimate(), where + ".abs");
    interval(where + ".abs_interval", row, "abs", Optional.of(lift.interval()));
    Estimate relative = actual.relativeLift().orElseThrow();
    assertClose(row.get("rel").asDouble(), relative.estimate(), where + ".rel");
    interval(where + ".rel_interval", row, "rel", Optional.of(relative.interval()));
    assertClose(row.get("p").asDouble(), actual.pValue().orElseThrow(), where + ".p");
    assertClose(
        row.get("adj_p").asDouble(), actual.adjustedPValue().orElseThrow(), where + ".adj_p");
    assertClose(
        row.get("av_p").asDouble(), actual.alwaysValidPValue().orElseThrow(), where + ".av_p");
    interval(where + ".av_interval", row, "av", actual.alwaysValidInterval());
    assertClose(
        row.get("chance").asDouble(),
        actual.chanceToBeatControl().orElseThrow(),
        where + ".chance");
    assertClose(row.get("loss").asDouble(), actual.expectedLoss().orElseThrow(), where + ".loss");
    if (row.has("cuped_abs")) {
      CupedEstimate cuped = actual.cuped().orElseThrow();
      assertClose(
          row.get("cuped_abs").asDouble(), cuped.absoluteLift().estimate(), where + ".cuped");
      interval(
          where + ".cuped_interval", row, "cuped", Optional.of(cuped.absoluteLift().interval()));
      assertClose(row.get("cuped_p").asDouble(), cuped.pValue(), where + ".cuped_p");
      assertClose(row.get("cuped_vr").asDouble(), cuped.varianceReduction(), where + ".cuped_vr");
    } else {
      assertTrue(actual.cuped().isEmpty(), where + ": no covariate, no CUPED");
    }
    if (row.has("guardrail")) {
      assertEquals(
          GuardrailStatus.valueOf(row.get("guardrail").asText()),
          actual.guardrailStatus().orElseThrow(),
          where + ".guardrail");
    } else {
      assertFalse(actual.guardrailStatus().isPresent(), where + ": not a guardrail");
    }
  }

  private static void interval(
      String where, JsonNode row, String prefix, Optional<Interval> interval) {
    assertClose(row.get(prefix + "_lower").asDouble(), interval.orElseThrow().lower(), where);
    assertClose(row.get(prefix + "_upper").asDouble(), interval.orElseThrow().upper(), where);
  }

  /** The case's aggregate, definitions and plan, through the calculator. */
  static ExperimentResults calculate(JsonNode c) {
    Fixtures.Catalog catalog = new Fixtures.Catalog();
    for (JsonNode m : c.get("metrics")) {
      catalog.put(
          Fixtures.metric(
              m.get("key").asText(),
              MetricKind.valueOf(m.get("kind").asText()),
              m.get("decrease_better").asBoolean(),
              m.get("margin").asDouble(),
              m.get("cuped").asBoolean()));
    }
    List<String> keys = new ArrayList<>();
    c.get("variations").forEach(v -> keys.add(v.asText()));
    List<VariationAggregate> variations = new ArrayList<>();
    for (int i = 0; i < keys.size(); i++) {
      Map<String, MetricMoments> metrics = new HashMap<>();
      for (Map.Entry<String, JsonNode> e : c.get("moments").get(i).properties()) {
        metrics.put(e.getKey(), moments(e.getValue()));
      }
      variations.add(
          new VariationAggregate(i, keys.get(i), c.get("units").get(i).asLong(), metrics));
    }
    List<WeightEpoch> epochs = new ArrayList<>();
    for (JsonNode e : c.get("epochs")) {
      List<Double> weights = new ArrayList<>();
      e.get("weights").forEach(w -> weights.add(w.asDouble()));
      List<Long> units = new ArrayList<>();
      e.get("units").forEach(u -> units.add(u.asLong()));
      epochs.add(new WeightEpoch(weights, units));
    }
    ExperimentAggregate aggregate =
        new ExperimentAggregate(
            "exp",
            Fixtures.NOW,
            Optional.of(Fixtures.NOW.minus(Duration.ofDays(3))),
            variations,
            epochs);
    JsonNode plan = c.get("plan");
    List<String> guardrails = new ArrayList<>();
    plan.get("guardrails").forEach(g -> guardrails.add(g.asText()));
    List<String> secondary = new ArrayList<>();
    plan.get("secondary").forEach(g -> secondary.add(g.asText()));
    ExperimentDefinition definition =
        Fixtures.running(
            "exp",
            keys,
            Fixtures.plan(
                plan.get("primary").asText(),
                guardrails,
                secondary,
                c.get("planned_units").asLong(),
                c.get("alpha").asDouble(),
                MonitorPolicy.OFF));
    return new ResultsCalculator(catalog)
        .calculate(aggregate, aggregate, Optional.of(definition), List.of(), List.of());
  }

  private static MetricMoments moments(JsonNode m) {
    return new MetricMoments(
        m.get("units").asLong(),
        m.get("sum").asDouble(),
        m.get("sumSquares").asDouble(),
        m.get("denominatorSum").asDouble(),
        m.get("denominatorSumSquares").asDouble(),
        m.get("crossSum").asDouble(),
        m.get("covariateSum").asDouble(),
        m.get("covariateSumSquares").asDouble(),
        m.get("covariateCrossSum").asDouble());
  }

  private static JsonNode load() {
    try (InputStream in = ResultsReferenceTest.class.getResourceAsStream("/results/results.json")) {
      return new ObjectMapper().readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
