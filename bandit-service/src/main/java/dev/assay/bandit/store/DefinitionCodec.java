package dev.assay.bandit.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assay.bandit.definition.ArmDefinition;
import dev.assay.bandit.definition.BanditDefinition;
import dev.assay.bandit.definition.PolicySpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Writes a {@link BanditDefinition} as JSON for Redis and reads it back. */
final class DefinitionCodec {
  private static final ObjectMapper JSON = new ObjectMapper();

  private DefinitionCodec() {}

  /** The JSON form. */
  static String encode(BanditDefinition d) {
    ObjectNode root = JSON.createObjectNode();
    root.put("key", d.key());
    root.put("description", d.description());
    ArrayNode arms = root.putArray("arms");
    for (ArmDefinition arm : d.arms()) {
      arms.addObject().put("id", arm.id()).put("retired", arm.retired());
    }
    ObjectNode policy = root.putObject("policy");
    policy.put("kind", d.policy().kindName());
    PolicySpec spec = d.policy();
    if (spec instanceof PolicySpec.ThompsonBernoulli s) {
      policy.put("priorAlpha", s.priorAlpha()).put("priorBeta", s.priorBeta());
    } else if (spec instanceof PolicySpec.ThompsonGaussian s) {
      policy
          .put("priorMean", s.priorMean())
          .put("priorPrecisionWeight", s.priorPrecisionWeight())
          .put("priorShape", s.priorShape())
          .put("priorRate", s.priorRate());
    } else if (spec instanceof PolicySpec.Ucb1 s) {
      policy.put("exploration", s.exploration());
    } else if (spec instanceof PolicySpec.EpsilonGreedy s) {
      policy
          .put("epsilon", s.epsilon())
          .put("decay", s.decay())
          .put("priorMean", s.priorMean())
          .put("priorWeight", s.priorWeight());
    } else if (spec instanceof PolicySpec.LinUcb s) {
      policy.put("dimension", s.dimension()).put("alpha", s.alpha()).put("ridge", s.ridge());
    }
    root.put("decisionTtlMillis", d.decisionTtl().toMillis());
    root.put("discountHalfLifeMillis", d.discountHalfLife().toMillis());
    root.put("stickyDurationMillis", d.stickyDuration().toMillis());
    root.put("archived", d.archived());
    root.put("version", d.version());
    return root.toString();
  }

  /**
   * Parses the JSON form.
   *
   * @throws IllegalArgumentException if it is not a definition this codec wrote: not JSON, a field
   *     missing or of the wrong type, or a policy number that is not finite (the message says
   *     which, without echoing the stored text)
   */
  static BanditDefinition decode(String json) {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("definition is not valid JSON", e);
    }
    try {
      List<ArmDefinition> arms = new ArrayList<>();
      for (JsonNode arm : required(root, "arms")) {
        arms.add(
            new ArmDefinition(required(arm, "id").asText(), required(arm, "retired").asBoolean()));
      }
      return new BanditDefinition(
          required(root, "key").asText(),
          required(root, "description").asText(),
          arms,
          policy(required(root, "policy")),
          Duration.ofMillis(required(root, "decisionTtlMillis").asLong()),
          Duration.ofMillis(required(root, "discountHalfLifeMillis").asLong()),
          Duration.ofMillis(root.path("stickyDurationMillis").asLong(0)),
          required(root, "archived").asBoolean(),
          required(root, "version").asLong());
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("definition is malformed: " + e.getMessage(), e);
    }
  }

  private static JsonNode required(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      throw new IllegalArgumentException("field '" + field + "' is missing");
    }
    return value;
  }

  /** A policy setting, which must be a finite number. */
  private static double number(JsonNode p, String field) {
    JsonNode value = required(p, field);
    double d = value.asDouble(Double.NaN);
    if (!value.isNumber() || !Double.isFinite(d)) {
      throw new IllegalArgumentException("policy field '" + field + "' is not a finite number");
    }
    return d;
  }

  private static PolicySpec policy(JsonNode p) {
    String kind = required(p, "kind").asText();
    return switch (kind) {
      case "thompson_bernoulli" ->
          new PolicySpec.ThompsonBernoulli(number(p, "priorAlpha"), number(p, "priorBeta"));
      case "thompson_gaussian" ->
          new PolicySpec.ThompsonGaussian(
              number(p, "priorMean"), number(p, "priorPrecisionWeight"),
              number(p, "priorShape"), number(p, "priorRate"));
      case "ucb1" -> new PolicySpec.Ucb1(number(p, "exploration"));
      case "epsilon_greedy" ->
          new PolicySpec.EpsilonGreedy(
              number(p, "epsilon"), number(p, "decay"),
              number(p, "priorMean"), number(p, "priorWeight"));
      case "lin_ucb" ->
          new PolicySpec.LinUcb(
              required(p, "dimension").asInt(), number(p, "alpha"), number(p, "ridge"));
      default -> throw new IllegalArgumentException("unknown policy kind");
    };
  }
}
