package dev.assay.assignment.api;

import dev.assay.assignment.definitions.FeatureFlag;
import dev.assay.assignment.definitions.FlagRule;
import dev.assay.assignment.definitions.FlagValueType;
import dev.assay.assignment.v1.ExperimentRule;
import dev.assay.assignment.v1.ForceValue;
import dev.assay.assignment.v1.PercentageRollout;
import dev.assay.runtime.errors.ValidationException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Feature flag definitions: contract ↔ domain. A flag without a value type, or a rule without an
 * action, has no domain form and is rejected here; everything else is the validator's.
 */
public final class FlagMapper {
  private FlagMapper() {}

  /** The domain flag a request describes; a rule without an action is rejected here. */
  public static FeatureFlag toDomain(dev.assay.assignment.v1.FeatureFlag p) {
    List<FlagRule> rules = new ArrayList<>();
    for (int i = 0; i < p.getRulesCount(); i++) {
      rules.add(rule(p.getRules(i), "flag.rules[" + i + "]"));
    }
    return new FeatureFlag(
        p.getKey(),
        p.getDescription(),
        type(p),
        value(p.hasDefaultValue(), p.getDefaultValue(), "flag.default_value"),
        rules,
        p.getKilled(),
        p.getVersion(),
        p.getArchived(),
        p.hasUpdateTime()
            ? Timestamps.toInstant(p.getUpdateTime(), "flag.update_time")
            : Instant.EPOCH);
  }

  /** The contract form of a stored flag. */
  public static dev.assay.assignment.v1.FeatureFlag toProto(FeatureFlag f) {
    dev.assay.assignment.v1.FeatureFlag.Builder p =
        dev.assay.assignment.v1.FeatureFlag.newBuilder()
            .setKey(f.key())
            .setDescription(f.description())
            .setValueType(type(f.valueType()))
            .setDefaultValue(JsonValues.toValue(f.defaultValue()))
            .setKilled(f.killed())
            .setVersion(f.version())
            .setArchived(f.archived())
            .setUpdateTime(Timestamps.toProto(f.updateTime()));
    for (FlagRule rule : f.rules()) {
      dev.assay.assignment.v1.FlagRule.Builder r =
          p.addRulesBuilder().setId(rule.id()).setCondition(JsonValues.toStruct(rule.condition()));
      if (rule instanceof FlagRule.Force force) {
        r.setForce(ForceValue.newBuilder().setValue(JsonValues.toValue(force.value())));
      } else if (rule instanceof FlagRule.Rollout rollout) {
        r.setRollout(
            PercentageRollout.newBuilder()
                .setValue(JsonValues.toValue(rollout.value()))
                .setCoverage(rollout.coverage())
                .setHashAttribute(rollout.hashAttribute())
                .setSeed(rollout.seed()));
      } else if (rule instanceof FlagRule.ExperimentValues values) {
        ExperimentRule.Builder e =
            ExperimentRule.newBuilder().setExperimentKey(values.experimentKey());
        values.variationValues().forEach(v -> e.addVariationValues(JsonValues.toValue(v)));
        r.setExperiment(e);
      }
    }
    return p.build();
  }

  private static FlagRule rule(dev.assay.assignment.v1.FlagRule r, String field) {
    Map<String, Object> condition = JsonValues.toMap(r.getCondition(), field + ".condition");
    return switch (r.getActionCase()) {
      case FORCE ->
          new FlagRule.Force(
              r.getId(),
              condition,
              value(r.getForce().hasValue(), r.getForce().getValue(), field + ".force.value"));
      case ROLLOUT ->
          new FlagRule.Rollout(
              r.getId(),
              condition,
              value(r.getRollout().hasValue(), r.getRollout().getValue(), field + ".rollout.value"),
              r.getRollout().getCoverage(),
              r.getRollout().getHashAttribute(),
              r.getRollout().getSeed());
      case EXPERIMENT ->
          new FlagRule.ExperimentValues(
              r.getId(),
              condition,
              r.getExperiment().getExperimentKey(),
              variationValues(r.getExperiment(), field + ".experiment.variation_values"));
      case ACTION_NOT_SET ->
          throw ValidationException.of(field, "needs one of force, rollout or experiment");
    };
  }

  private static @Nullable Object value(boolean isSet, com.google.protobuf.Value v, String field) {
    return isSet ? JsonValues.toJava(v, field) : null;
  }

  private static List<Object> variationValues(ExperimentRule rule, String field) {
    List<Object> values = new ArrayList<>(rule.getVariationValuesCount());
    for (int j = 0; j < rule.getVariationValuesCount(); j++) {
      values.add(JsonValues.toJava(rule.getVariationValues(j), field + "[" + j + "]"));
    }
    return values;
  }

  /** The domain type; an unset or undefined type has none, so the flag cannot be translated. */
  private static FlagValueType type(dev.assay.assignment.v1.FeatureFlag p) {
    return switch (p.getValueType()) {
      case FLAG_VALUE_TYPE_BOOL -> FlagValueType.BOOL;
      case FLAG_VALUE_TYPE_STRING -> FlagValueType.STRING;
      case FLAG_VALUE_TYPE_NUMBER -> FlagValueType.NUMBER;
      case FLAG_VALUE_TYPE_JSON -> FlagValueType.JSON;
      case FLAG_VALUE_TYPE_UNSPECIFIED ->
          throw ValidationException.of(
              "flag.value_type", "is required (BOOL, STRING, NUMBER or JSON)");
      case UNRECOGNIZED ->
          throw ValidationException.of(
              "flag.value_type",
              "must be BOOL (1), STRING (2), NUMBER (3) or JSON (4); got " + p.getValueTypeValue());
    };
  }

  private static dev.assay.assignment.v1.FlagValueType type(FlagValueType type) {
    return switch (type) {
      case BOOL -> dev.assay.assignment.v1.FlagValueType.FLAG_VALUE_TYPE_BOOL;
      case STRING -> dev.assay.assignment.v1.FlagValueType.FLAG_VALUE_TYPE_STRING;
      case NUMBER -> dev.assay.assignment.v1.FlagValueType.FLAG_VALUE_TYPE_NUMBER;
      case JSON -> dev.assay.assignment.v1.FlagValueType.FLAG_VALUE_TYPE_JSON;
    };
  }
}
