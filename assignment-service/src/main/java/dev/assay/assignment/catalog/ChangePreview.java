package dev.assay.assignment.catalog;

import dev.assay.assignment.bucketing.Movement;
import dev.assay.assignment.definitions.Experiment;
import java.util.List;

/**
 * What an experiment edit would do before it is made.
 *
 * @param movement shares of units that would change outcome
 * @param movedUnits the sample units whose outcome would change
 * @param proposed the experiment as it would be stored
 */
public record ChangePreview(Movement movement, List<UnitMove> movedUnits, Experiment proposed) {
  /** A sample unit that would move; indices are -1 for "not in the experiment". */
  public record UnitMove(String unitId, int fromVariation, int toVariation) {}
}
