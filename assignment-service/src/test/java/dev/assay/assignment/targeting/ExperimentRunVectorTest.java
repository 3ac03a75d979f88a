package dev.assay.assignment.targeting;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.assay.assignment.hashing.BucketRanges;
import dev.assay.assignment.hashing.GrowthBookHash;
import dev.assay.assignment.hashing.GrowthBookVectors;
import dev.assay.assignment.hashing.Namespaces;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Composes hashing and targeting the way GrowthBook's {@code runExperiment} does (steps 6 to 10:
 * hash attribute, namespace, condition, hash, bucket ranges) and checks every (experiment, user)
 * result recorded from {@code gb.run} in experiments.json.
 */
class ExperimentRunVectorTest {
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
  void runMatchesGrowthBookForEveryUser(
      String key, Map<String, Object> experiment, List<List<Object>> results) {
    List<?> users = (List<?>) FILE.get("users");
    for (int u = 0; u < users.size(); u++) {
      Map<String, Object> attributes = (Map<String, Object>) users.get(u);
      List<Object> expected = results.get(u);
      List<Object> actual = run(experiment, attributes);
      assertEquals(normalize(expected), normalize(actual), "user " + u + " " + attributes);
    }
  }

  /** [inExperiment, variationId, hashUsed, bucket or null, hashValue], as the generator records. */
  private static List<Object> run(Map<String, Object> experiment, Map<String, Object> attributes) {
    int numVariations = ((List<?>) experiment.get("variations")).size();
    String hashAttribute =
        experiment.containsKey("hashAttribute") ? (String) experiment.get("hashAttribute") : "id";
    Object raw = attributes.get(hashAttribute);
    Object hashValue = JsValues.isTruthy(raw) ? raw : "";
    List<Object> notIn = Arrays.asList(0, 0, 0, null, hashValue);
    if (!JsValues.isTruthy(hashValue)) {
      return notIn;
    }
    String unit = JsValues.toJsString(hashValue);
    List<?> namespace = (List<?>) experiment.get("namespace");
    if (namespace != null
        && !Namespaces.contains(
            unit,
            (String) namespace.get(0),
            GrowthBookVectors.number(namespace.get(1)),
            GrowthBookVectors.number(namespace.get(2)))) {
      return notIn;
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> condition = (Map<String, Object>) experiment.get("condition");
    if (condition != null && !Condition.compile(condition).matches(attributes)) {
      return notIn;
    }
    Object seed = experiment.get("seed");
    String effectiveSeed = JsValues.isTruthy(seed) ? (String) seed : (String) experiment.get("key");
    Object version = experiment.get("hashVersion");
    int hashVersion = JsValues.isTruthy(version) ? ((Number) version).intValue() : 1;
    double n = GrowthBookHash.hash(effectiveSeed, unit, hashVersion);
    if (Double.isNaN(n)) {
      return notIn;
    }
    double coverage =
        experiment.containsKey("coverage")
            ? GrowthBookVectors.number(experiment.get("coverage"))
            : 1;
    int assigned =
        BucketRanges.chooseVariation(
            n,
            BucketRanges.fromWeights(
                numVariations, coverage, GrowthBookVectors.doubles(experiment.get("weights"))));
    if (assigned < 0) {
      return notIn;
    }
    return Arrays.asList(1, assigned, 1, n, hashValue);
  }

  /** Numbers compared as doubles, so 1 (Integer) and 1.0 (Double) agree. */
  private static List<Object> normalize(List<Object> row) {
    List<Object> out = new ArrayList<>();
    for (Object v : row) {
      out.add(v instanceof Number ? (Object) ((Number) v).doubleValue() : v);
    }
    return out;
  }
}
