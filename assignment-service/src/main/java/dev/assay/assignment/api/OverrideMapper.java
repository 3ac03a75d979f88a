package dev.assay.assignment.api;

import dev.assay.assignment.overrides.OverrideTarget;
import dev.assay.assignment.overrides.UnitOverride;
import dev.assay.runtime.errors.ValidationException;
import dev.assay.runtime.errors.Violations;
import java.time.Instant;

/**
 * Overrides: contract ↔ domain. An override without a target or without its outcome has no domain
 * form and is rejected here; everything else is {@code OverrideValidator}'s.
 */
final class OverrideMapper {
  private OverrideMapper() {}

  /** The target named in {@code field}; rejects an unset one. */
  static OverrideTarget target(dev.assay.assignment.v1.OverrideTarget p, String field) {
    return switch (p.getKeyCase()) {
      case EXPERIMENT_KEY -> OverrideTarget.experiment(p.getExperimentKey());
      case FLAG_KEY -> OverrideTarget.flag(p.getFlagKey());
      case KEY_NOT_SET -> throw ValidationException.of(field, "needs experiment_key or flag_key");
    };
  }

  /** The domain override a request describes ({@code field} prefixes violation paths). */
  static UnitOverride toDomain(dev.assay.assignment.v1.Override p, String field) {
    OverrideTarget target = target(p.getTarget(), field + ".target");
    boolean isExperiment = target.kind() == OverrideTarget.Kind.EXPERIMENT;
    new Violations()
        .check(
            isExperiment && !p.hasVariationKey(),
            field + ".variation_key",
            "is required for an experiment override")
        .check(
            !isExperiment && !p.hasFlagValue(),
            field + ".flag_value",
            "is required for a flag override")
        .throwIfAny();
    return new UnitOverride(
        target,
        p.getUnitId(),
        isExperiment ? p.getVariationKey() : null,
        isExperiment ? null : JsonValues.toJava(p.getFlagValue(), field + ".flag_value"),
        p.hasExpireTime() ? Timestamps.toInstant(p.getExpireTime(), field + ".expire_time") : null,
        p.getReason(),
        p.getSetBy(),
        p.hasCreateTime()
            ? Timestamps.toInstant(p.getCreateTime(), field + ".create_time")
            : Instant.EPOCH);
  }

  /** The contract form of a stored override. */
  static dev.assay.assignment.v1.Override toProto(UnitOverride o) {
    dev.assay.assignment.v1.Override.Builder p =
        dev.assay.assignment.v1.Override.newBuilder()
            .setTarget(toProto(o.target()))
            .setUnitId(o.unitId())
            .setReason(o.reason())
            .setSetBy(o.setBy())
            .setCreateTime(Timestamps.toProto(o.createTime()));
    String variationKey = o.variationKey();
    if (o.target().kind() == OverrideTarget.Kind.EXPERIMENT && variationKey != null) {
      p.setVariationKey(variationKey);
    } else {
      p.setFlagValue(JsonValues.toValue(o.flagValue()));
    }
    Instant expireTime = o.expireTime();
    if (expireTime != null) {
      p.setExpireTime(Timestamps.toProto(expireTime));
    }
    return p.build();
  }

  static dev.assay.assignment.v1.OverrideTarget toProto(OverrideTarget target) {
    dev.assay.assignment.v1.OverrideTarget.Builder p =
        dev.assay.assignment.v1.OverrideTarget.newBuilder();
    return (target.kind() == OverrideTarget.Kind.EXPERIMENT
            ? p.setExperimentKey(target.key())
            : p.setFlagKey(target.key()))
        .build();
  }
}
