package dev.assay.assignment.evaluation;

import dev.assay.assignment.overrides.UnitOverride;
import org.jspecify.annotations.Nullable;

/** Finds the override for a unit, from memory. */
public interface OverrideLookup {
  /** The experiment override for {@code unitId}, or null. */
  @Nullable UnitOverride forExperiment(String experimentKey, String unitId);

  /** The flag override for {@code unitId}, or null. */
  @Nullable UnitOverride forFlag(String flagKey, String unitId);
}
