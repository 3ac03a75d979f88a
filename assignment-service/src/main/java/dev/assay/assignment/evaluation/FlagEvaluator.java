package dev.assay.assignment.evaluation;

import dev.assay.assignment.definitions.FeatureFlag;
import dev.assay.assignment.definitions.FlagRule;
import dev.assay.assignment.hashing.GrowthBookHash;
import dev.assay.assignment.overrides.UnitOverride;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Decides a flag's value for one unit: override, kill switch, then the first rule that applies. */
final class FlagEvaluator {
  private FlagEvaluator() {}

  static FlagResult evaluate(
      CompiledFlag compiled,
      Definitions definitions,
      String unitId,
      Map<String, Object> attributes,
      OverrideLookup overrides,
      long nowMillis) {
    FeatureFlag flag = compiled.definition();
    UnitOverride override = overrides.forFlag(flag.key(), unitId);
    if (override != null && override.isActiveAt(nowMillis)) {
      return new FlagResult(flag.key(), override.flagValue(), Reason.OVERRIDE, null, null);
    }
    if (flag.killed()) {
      return new FlagResult(flag.key(), flag.defaultValue(), Reason.KILLED, null, null);
    }
    for (int i = 0; i < flag.rules().size(); i++) {
      FlagRule rule = flag.rules().get(i);
      if (!compiled.ruleCondition(i).matches(attributes)) {
        continue;
      }
      FlagResult result = apply(rule, flag, definitions, unitId, attributes, overrides, nowMillis);
      if (result != null) {
        return result;
      }
    }
    return new FlagResult(flag.key(), flag.defaultValue(), Reason.DEFAULT, null, null);
  }

  /** The rule's result, or null when the unit falls through to the next rule. */
  private static @Nullable FlagResult apply(
      FlagRule rule,
      FeatureFlag flag,
      Definitions definitions,
      String unitId,
      Map<String, Object> attributes,
      OverrideLookup overrides,
      long nowMillis) {
    String ruleId = rule.id().isEmpty() ? null : rule.id();
    if (rule instanceof FlagRule.Force force) {
      return new FlagResult(flag.key(), force.value(), Reason.FORCED, ruleId, null);
    }
    if (rule instanceof FlagRule.Rollout rollout) {
      return isInRollout(rollout, flag.key(), unitId, attributes)
          ? new FlagResult(flag.key(), rollout.value(), Reason.ROLLOUT, ruleId, null)
          : null;
    }
    FlagRule.ExperimentValues experimentRule = (FlagRule.ExperimentValues) rule;
    CompiledExperiment experiment = definitions.experiment(experimentRule.experimentKey());
    if (experiment == null || experiment.definition().archived()) {
      return null;
    }
    Assignment assignment =
        ExperimentEvaluator.assign(experiment, unitId, attributes, overrides, nowMillis);
    if (!assignment.isInExperiment()
        || assignment.variationIndex() >= experimentRule.variationValues().size()) {
      return null;
    }
    Object value = experimentRule.variationValues().get(assignment.variationIndex());
    return new FlagResult(flag.key(), value, Reason.EXPERIMENT, ruleId, assignment);
  }

  /** GrowthBook's rollout test: hash(seed, value, 2) <= coverage, and nobody at coverage 0. */
  private static boolean isInRollout(
      FlagRule.Rollout rollout, String flagKey, String unitId, Map<String, Object> attributes) {
    if (rollout.coverage() <= 0) {
      return false;
    }
    String hashValue =
        HashValues.of(
            rollout.hashAttribute().isEmpty() ? unitId : attributes.get(rollout.hashAttribute()));
    if (hashValue == null) {
      return false;
    }
    String seed = rollout.seed().isEmpty() ? flagKey : rollout.seed();
    return GrowthBookHash.hash(seed, hashValue, 2) <= rollout.coverage();
  }
}
