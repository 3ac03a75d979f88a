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

  /** Parses the JSON form. */
  static BanditDefinition decode(String json) {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("corrupt bandit definition in store: " + e.getMessage(), e);
    }
    List<ArmDefinition> arms = new ArrayList<>();
    for (JsonNode arm : root.get("arms")) {
      arms.add(new ArmDefinition(arm.get("id").asText(), arm.get("retired").asBoolean()));
    }
    return new BanditDefinition(
        root.get("key").asText(),
        root.get("description").asText(),
        arms,
        policy(root.get("policy")),
        Duration.ofMillis(root.get("decisionTtlMillis").asLong()),
        Duration.ofMillis(root.get("discountHalfLifeMillis").asLong()),
        Duration.ofMillis(root.path("stickyDurationMillis").asLong(0)),
        root.get("archived").asBoolean(),
        root.get("version").asLong());
  }

  private static PolicySpec policy(JsonNode p) {
    String kind = p.get("kind").asText();
    return switch (kind) {
      case "thompson_bernoulli" ->
          new PolicySpec.ThompsonBernoulli(
              p.get("priorAlpha").asDouble(), p.get("priorBeta").asDouble());
      case "thompson_gaussian" ->
          new PolicySpec.ThompsonGaussian(
              p.get("priorMean").asDouble(), p.get("priorPrecisionWeight").asDouble(),
              p.get("priorShape").asDouble(), p.get("priorRate").asDouble());
      case "ucb1" -> new PolicySpec.Ucb1(p.get("exploration").asDouble());
      case "epsilon_greedy" ->
          new PolicySpec.EpsilonGreedy(
              p.get("epsilon").asDouble(), p.get("decay").asDouble(),
              p.get("priorMean").asDouble(), p.get("priorWeight").asDouble());
      case "lin_ucb" ->
          new PolicySpec.LinUcb(
              p.get("dimension").asInt(), p.get("alpha").asDouble(), p.get("ridge").asDouble());
      default -> throw new IllegalStateException("unknown policy kind in store: " + kind);
    };
  }
}
