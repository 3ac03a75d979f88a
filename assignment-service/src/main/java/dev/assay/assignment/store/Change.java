package dev.assay.assignment.store;

import dev.assay.assignment.overrides.OverrideTarget;

/**
 * A change any replica wrote, announced so that every replica reloads what changed.
 *
 * @param kind what changed
 * @param key the experiment or flag key
 * @param unitId for a single-override change, the unit; null when the whole override set changed
 */
public record Change(Kind kind, String key, String unitId) {
  /** What changed. */
  public enum Kind {
    EXPERIMENT,
    FLAG,
    EXPERIMENT_OVERRIDES,
    FLAG_OVERRIDES
  }

  /** The override target of an override change. */
  public OverrideTarget overrideTarget() {
    return switch (kind) {
      case EXPERIMENT_OVERRIDES -> OverrideTarget.experiment(key);
      case FLAG_OVERRIDES -> OverrideTarget.flag(key);
      default -> throw new IllegalStateException(kind + " is not an override change");
    };
  }

  /** The override change kind for {@code target}. */
  public static Kind overridesOf(OverrideTarget target) {
    return target.kind() == OverrideTarget.Kind.EXPERIMENT
        ? Kind.EXPERIMENT_OVERRIDES
        : Kind.FLAG_OVERRIDES;
  }
}
