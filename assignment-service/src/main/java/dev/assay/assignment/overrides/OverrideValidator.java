package dev.assay.assignment.overrides;

import dev.assay.assignment.definitions.FeatureFlag;
import dev.assay.assignment.definitions.JsonRules;
import dev.assay.assignment.definitions.Limits;
import dev.assay.assignment.evaluation.CompiledExperiment;
import dev.assay.assignment.evaluation.CompiledFlag;
import dev.assay.assignment.evaluation.Definitions;
import dev.assay.runtime.errors.Violations;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks overrides against the limits and the definitions they force, reporting every bad field at
 * once, named as in the request ({@code override.variation_key}, {@code unit_ids[3]}).
 */
final class OverrideValidator {
  private OverrideValidator() {}

  /**
   * Throws ValidationException unless {@code override} (a SetOverride request's) may be written.
   */
  static void validate(UnitOverride override, Definitions definitions, Instant now) {
    Violations v = new Violations();
    Limits.checkUnitId(v, override.unitId(), "override.unit_id");
    checkOutcome(override, "override", definitions, now, v);
    v.throwIfAny();
  }

  /** Throws ValidationException unless {@code template} may be written for every one of units. */
  static void validateBulk(
      UnitOverride template, List<String> unitIds, Definitions definitions, Instant now) {
    Violations v = new Violations();
    v.check(
        !template.unitId().isEmpty(),
        "template.unit_id",
        "must be empty; list the units in unit_ids");
    Limits.checkUnitIds(v, unitIds, 1, Limits.MAX_BULK_OVERRIDES, "unit_ids");
    Set<String> seen = new HashSet<>();
    int duplicates = 0;
    for (int i = 0; i < unitIds.size() && duplicates < Limits.MAX_ELEMENT_VIOLATIONS; i++) {
      String unit = unitIds.get(i);
      if (!seen.add(unit)) {
        v.add("unit_ids[" + i + "]", "duplicate unit id " + Limits.echo(unit));
        duplicates++;
      }
    }
    checkOutcome(template, "template", definitions, now, v);
    v.throwIfAny();
  }

  /** Throws ValidationException unless {@code unitId} is a valid unit id. */
  static void validateUnitId(String unitId) {
    Violations v = new Violations();
    Limits.checkUnitId(v, unitId, "unit_id");
    v.throwIfAny();
  }

  /** Throws ValidationException unless the target's key is a valid key. */
  static void validateTarget(OverrideTarget target, String field) {
    Violations v = new Violations();
    checkTargetKey(target, field, v);
    v.throwIfAny();
  }

  /** Records a violation unless the target's key is a valid key; returns whether it is. */
  private static boolean checkTargetKey(OverrideTarget target, String field, Violations v) {
    boolean isValid = Limits.isValidKey(target.key());
    Limits.checkKey(
        v,
        target.key(),
        field
            + (target.kind() == OverrideTarget.Kind.EXPERIMENT ? ".experiment_key" : ".flag_key"));
    return isValid;
  }

  private static void checkOutcome(
      UnitOverride o, String field, Definitions definitions, Instant now, Violations v) {
    Limits.checkLength(v, o.reason(), Limits.MAX_TEXT, field + ".reason");
    Limits.checkLength(v, o.setBy(), Limits.MAX_UNIT_ID, field + ".set_by");
    Instant expireTime = o.expireTime();
    v.check(
        expireTime != null && !expireTime.isAfter(now),
        field + ".expire_time",
        "must be in the future");
    String key = o.target().key();
    if (!checkTargetKey(o.target(), field + ".target", v)) {
      return;
    }
    if (o.target().kind() == OverrideTarget.Kind.EXPERIMENT) {
      CompiledExperiment compiled = definitions.experiment(key);
      if (compiled == null || compiled.definition().archived()) {
        v.add(field + ".target.experiment_key", "no experiment " + key);
        return;
      }
      List<String> variationKeys = compiled.definition().variationKeys();
      String variationKey = o.variationKey();
      v.check(
          variationKey == null || !variationKeys.contains(variationKey),
          field + ".variation_key",
          "must be one of the experiment's variation keys " + variationKeys);
    } else {
      CompiledFlag compiled = definitions.flag(key);
      if (compiled == null || compiled.definition().archived()) {
        v.add(field + ".target.flag_key", "no flag " + key);
        return;
      }
      FeatureFlag flag = compiled.definition();
      v.check(
          !flag.valueType().accepts(o.flagValue()),
          field + ".flag_value",
          "must be a " + flag.valueType() + " value");
      JsonRules.DEFINITION.check(v, o.flagValue(), field + ".flag_value");
    }
  }
}
