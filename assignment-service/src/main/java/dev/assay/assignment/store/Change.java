package dev.assay.assignment.store;

import dev.assay.assignment.overrides.OverrideTarget;
import dev.assay.assignment.overrides.UnitOverride;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A change any replica wrote, announced so that every replica reloads what changed.
 *
 * @param kind what changed
 * @param key the experiment or flag key
 * @param unitId for a single-override change, the unit; null when the whole override set changed
 */
public record Change(Kind kind, String key, @Nullable String unitId) {
  /** What changed. */
  public enum Kind {
    EXPERIMENT,
    FLAG,
    EXPERIMENT_OVERRIDES,
    FLAG_OVERRIDES
  }

  /** A change of the definition {@code key}. */
  static Change ofDefinition(Kind kind, String key) {
    return new Change(kind, key, null);
  }

  /** A change of the overrides of {@code target}: of one unit, or (null) of several. */
  static Change ofOverrides(OverrideTarget target, @Nullable String unitId) {
    Kind kind =
        target.kind() == OverrideTarget.Kind.EXPERIMENT
            ? Kind.EXPERIMENT_OVERRIDES
            : Kind.FLAG_OVERRIDES;
    return new Change(kind, target.key(), unitId);
  }

  /** The change a write of {@code written} announces: for one unit, or for the whole target. */
  static Change ofWrite(OverrideTarget target, List<UnitOverride> written) {
    return ofOverrides(target, written.size() == 1 ? written.get(0).unitId() : null);
  }

  /** The override target of an override change. */
  public OverrideTarget overrideTarget() {
    return switch (kind) {
      case EXPERIMENT_OVERRIDES -> OverrideTarget.experiment(key);
      case FLAG_OVERRIDES -> OverrideTarget.flag(key);
      default -> throw new IllegalStateException(kind + " is not an override change");
    };
  }
}
