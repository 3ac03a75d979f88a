package dev.assay.assignment.evaluation;

import dev.assay.assignment.overrides.UnitOverride;

/** Finds the override for a unit, from memory. */
public interface OverrideLookup {
  /** The experiment override for {@code unitId}, or null. */
  UnitOverride forExperiment(String experimentKey, String unitId);

  /** The flag override for {@code unitId}, or null. */
  UnitOverride forFlag(String flagKey, String unitId);
}
