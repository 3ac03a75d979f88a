package dev.assay.assignment.definitions;

import dev.assay.assignment.targeting.Condition;
import dev.assay.assignment.targeting.InvalidConditionException;
import dev.assay.runtime.errors.Violations;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/** Checks a feature flag definition and reports every bad field at once. */
public final class FlagValidator {
  private FlagValidator() {}

  /**
   * Throws ValidationException listing every violation. {@code experiments} finds the experiments
   * that experiment rules refer to (null when absent).
   */
  public static void validate(FeatureFlag flag, Function<String, Experiment> experiments) {
    Violations v = new Violations();
    v.check(
        !Limits.isValidKey(flag.key()), "flag.key", "must be 1-128 characters of [A-Za-z0-9_.-]");
    v.check(
        flag.description().length() > Limits.MAX_TEXT,
        "flag.description",
        "must be at most 1024 characters");
    if (flag.valueType() == null) {
      v.add("flag.value_type", "is required (BOOL, STRING, NUMBER or JSON)");
      v.throwIfAny();
    }
    checkValue(flag, flag.defaultValue(), "flag.default_value", v);
    v.check(flag.rules().size() > Limits.MAX_RULES, "flag.rules", "at most 100 rules");
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < flag.rules().size(); i++) {
      FlagRule rule = flag.rules().get(i);
      String field = "flag.rules[" + i + "]";
      v.check(
          !rule.id().isEmpty() && !ids.add(rule.id()),
          field + ".id",
          "duplicate rule id " + rule.id());
      v.check(rule.id().length() > 128, field + ".id", "must be at most 128 characters");
      checkCondition(rule.condition(), field + ".condition", v);
      if (rule instanceof FlagRule.Force force) {
        checkValue(flag, force.value(), field + ".force.value", v);
      } else if (rule instanceof FlagRule.Rollout rollout) {
        checkValue(flag, rollout.value(), field + ".rollout.value", v);
        v.check(
            !(rollout.coverage() >= 0 && rollout.coverage() <= 1),
            field + ".rollout.coverage",
            "must be in [0, 1], got " + rollout.coverage());
      } else if (rule instanceof FlagRule.ExperimentValues values) {
        checkExperimentRule(flag, values, field, experiments, v);
      }
    }
    v.throwIfAny();
  }

  private static void checkExperimentRule(
      FeatureFlag flag,
      FlagRule.ExperimentValues rule,
      String field,
      Function<String, Experiment> experiments,
      Violations v) {
    Experiment experiment = experiments.apply(rule.experimentKey());
    if (experiment == null || experiment.archived()) {
      v.add(field + ".experiment.experiment_key", "no experiment " + rule.experimentKey());
      return;
    }
    v.check(
        rule.variationValues().size() != experiment.variations().size(),
        field + ".experiment.variation_values",
        "needs one value per variation ("
            + experiment.variations().size()
            + "), got "
            + rule.variationValues().size());
    for (int j = 0; j < rule.variationValues().size(); j++) {
      checkValue(
          flag,
          rule.variationValues().get(j),
          field + ".experiment.variation_values[" + j + "]",
          v);
    }
  }

  private static void checkValue(FeatureFlag flag, Object value, String field, Violations v) {
    v.check(!flag.valueType().accepts(value), field, "must be a " + flag.valueType() + " value");
  }

  private static void checkCondition(Map<String, Object> condition, String field, Violations v) {
    try {
      Condition.compile(condition);
    } catch (InvalidConditionException bad) {
      v.add(field, bad.getMessage());
    }
  }
}
