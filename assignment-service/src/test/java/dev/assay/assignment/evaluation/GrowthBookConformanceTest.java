package dev.assay.assignment.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.assay.assignment.definitions.AnalysisPlan;
import dev.assay.assignment.definitions.Experiment;
import dev.assay.assignment.definitions.ExperimentStatus;
import dev.assay.assignment.definitions.NamespaceSlice;
import dev.assay.assignment.definitions.Variation;
import dev.assay.assignment.hashing.GrowthBookVectors;
import dev.assay.assignment.replica.ReplicaState;
import dev.assay.assignment.targeting.JsValues;
import dev.assay.runtime.testing.MutableClock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs every (experiment, user) pair the official GrowthBook SDK recorded with {@code gb.run} in
 * experiments.json through Assay's own {@link Evaluator}, and requires the same outcome: whether
 * the user is in, which variation, the bucket and the hashed value. Definitions go straight into
 * the replica state, unvalidated, so GrowthBook's edge cases (weights not summing to 1, coverage
 * outside [0, 1]) are exercised too.
 */
class GrowthBookConformanceTest {
  private static final Map<String, Object> FILE = GrowthBookVectors.load("experiments.json");

  static Stream<Arguments> sdkRuns() {
    List<?> experiments = (List<?>) FILE.get("experiments");
    return IntStream.range(0, experiments.size())
        .mapToObj(
            i -> {
              Map<?, ?> entry = (Map<?, ?>) experiments.get(i);
              return Arguments.of(
                  ((Map<?, ?>) entry.get("experiment")).get("key"),
                  entry.get("experiment"),
                  entry.get("results"));
            });
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("sdkRuns")
  @SuppressWarnings("unchecked")
  void assaysEvaluatorAssignsExactlyAsTheSdk(
      String key, Map<String, Object> sdkExperiment, List<List<Object>> results) {
    ReplicaState state = new ReplicaState();
    state.apply(toDomain(sdkExperiment));
    Evaluator evaluator = new Evaluator(state, state, new MutableClock(Instant.EPOCH));
    List<?> users = (List<?>) FILE.get("users");
    for (int u = 0; u < users.size(); u++) {
      Map<String, Object> attributes = new LinkedHashMap<>((Map<String, Object>) users.get(u));
      Object id = attributes.get("id");
      String unitId = JsValues.isTruthy(id) ? JsValues.toJsString(id) : "";
      Assignment a =
          evaluator.evaluate(unitId, attributes, List.of(key), List.of()).assignments().get(0);
      List<Object> expected = results.get(u);
      boolean in = ((Number) expected.get(0)).intValue() == 1;
      assertEquals(in, a.isInExperiment(), "in experiment, user " + u + " " + attributes);
      if (in) {
        assertEquals(
            ((Number) expected.get(1)).intValue(), a.variationIndex(), "variation, user " + u);
        assertEquals(((Number) expected.get(3)).doubleValue(), a.bucket(), "bucket, user " + u);
        assertEquals(JsValues.toJsString(expected.get(4)), a.hashValue(), "hash value, user " + u);
      }
    }
  }

  @SuppressWarnings("unchecked")
  private static Experiment toDomain(Map<String, Object> gb) {
    int count = ((List<?>) gb.get("variations")).size();
    double[] weights =
        gb.containsKey("weights") ? GrowthBookVectors.doubles(gb.get("weights")) : null;
    // Missing weights, or weights of the wrong length, mean equal weights in the SDK.
    boolean usable = weights != null && weights.length == count;
    List<Variation> variations = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      variations.add(new Variation("v" + i, usable ? weights[i] : 1.0 / count, null));
    }
    List<?> ns = (List<?>) gb.get("namespace");
    NamespaceSlice namespace =
        ns == null
            ? null
            : new NamespaceSlice(
                (String) ns.get(0),
                GrowthBookVectors.number(ns.get(1)),
                GrowthBookVectors.number(ns.get(2)));
    Object seed = gb.get("seed");
    Object version = gb.get("hashVersion");
    String hashAttribute = gb.containsKey("hashAttribute") ? (String) gb.get("hashAttribute") : "";
    return new Experiment(
        (String) gb.get("key"),
        "",
        variations,
        gb.containsKey("coverage") ? GrowthBookVectors.number(gb.get("coverage")) : 1.0,
        hashAttribute.equals("id") ? "" : hashAttribute,
        JsValues.isTruthy(seed) ? (String) seed : "",
        JsValues.isTruthy(version) ? ((Number) version).intValue() : 1,
        gb.containsKey("condition") ? (Map<String, Object>) gb.get("condition") : Map.of(),
        namespace,
        ExperimentStatus.RUNNING,
        -1,
        List.of(),
        List.of(),
        1,
        false,
        Instant.EPOCH,
        AnalysisPlan.NONE);
  }
}
