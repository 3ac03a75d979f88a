package dev.assay.assignment.definitions;

import dev.assay.runtime.errors.Violations;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/** Checks a feature flag definition and reports every bad field at once. */
public final class FlagValidator {
  private FlagValidator() {}

  /**
   * Throws ValidationException listing every violation. {@code experiments} finds the experiments
   * that experiment rules refer to; an absent or archived one is a violation.
   */
  public static void validate(
      FeatureFlag flag, Function<String, Optional<Experiment>> experiments) {
    Violations v = new Violations();
    check(flag, key -> experiments.apply(key).orElse(null), true, v);
    v.throwIfAny();
  }

  /**
   * As {@link #validate}, for a flag read before the store is open: experiment rules are checked
   * against {@code known} when they name one of them, and otherwise left for {@link #validate}.
   */
  public static void validateAgainstKnown(FeatureFlag flag, Map<String, Experiment> known) {
    Violations v = new Violations();
    check(flag, known::get, false, v);
    v.throwIfAny();
  }

  /** Finds an experiment, or null. */
  private interface Lookup {
    @Nullable Experiment find(String key);
  }

  private static void check(
      FeatureFlag flag, Lookup experiments, boolean isUnknownAnError, Violations v) {
    Limits.checkKey(v, flag.key(), "flag.key");
    Limits.checkLength(v, flag.description(), Limits.MAX_TEXT, "flag.description");
    checkValue(flag, flag.defaultValue(), "flag.default_value", v);
    if (flag.rules().size() > Limits.MAX_RULES) {
      v.add("flag.rules", "at most " + Limits.MAX_RULES + " rules, got " + flag.rules().size());
      return;
    }
    Set<String> ids = new HashSet<>();
    int regexes = 0;
    for (int i = 0; i < flag.rules().size(); i++) {
      FlagRule rule = flag.rules().get(i);
      String field = "flag.rules[" + i + "]";
      v.check(
          !rule.id().isEmpty() && !ids.add(rule.id()),
          field + ".id",
          "duplicate rule id " + Limits.echo(rule.id()));
      Limits.checkLength(v, rule.id(), Limits.MAX_IDENTIFIER, field + ".id");
      regexes += ExperimentValidator.checkCondition(v, rule.condition(), field + ".condition");
      if (rule instanceof FlagRule.Force force) {
        checkValue(flag, force.value(), field + ".force.value", v);
      } else if (rule instanceof FlagRule.Rollout rollout) {
        checkValue(flag, rollout.value(), field + ".rollout.value", v);
        Limits.checkFraction(v, rollout.coverage(), field + ".rollout.coverage");
        Limits.checkLength(
            v, rollout.hashAttribute(), Limits.MAX_IDENTIFIER, field + ".rollout.hash_attribute");
        Limits.checkLength(v, rollout.seed(), Limits.MAX_UNIT_ID, field + ".rollout.seed");
      } else if (rule instanceof FlagRule.ExperimentValues values) {
        if (!Limits.isValidKey(values.experimentKey())) {
          Limits.checkKey(v, values.experimentKey(), field + ".experiment.experiment_key");
          continue;
        }
        if (values.variationValues().size() > Limits.MAX_VARIATIONS) {
          v.add(
              field + ".experiment.variation_values",
              "at most "
                  + Limits.MAX_VARIATIONS
                  + " values, got "
                  + values.variationValues().size());
          continue;
        }
        Experiment experiment = experiments.find(values.experimentKey());
        if (experiment != null || isUnknownAnError) {
          checkExperimentRule(flag, values, experiment, field, v);
        }
      }
    }
    v.check(
        regexes > Limits.MAX_REGEXES_PER_FLAG,
        "flag.rules",
        "the rules' conditions may hold at most "
            + Limits.MAX_REGEXES_PER_FLAG
            + " regular expressions together, got "
            + regexes);
  }

  private static void checkExperimentRule(
      FeatureFlag flag,
      FlagRule.ExperimentValues rule,
      @Nullable Experiment experiment,
      String field,
      Violations v) {
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

  private static void checkValue(
      FeatureFlag flag, @Nullable Object value, String field, Violations v) {
    v.check(!flag.valueType().accepts(value), field, "must be a " + flag.valueType() + " value");
    JsonRules.DEFINITION.check(v, value, field);
  }
}
