package dev.assay.assignment.overrides;

import java.util.List;

/**
 * What one batch write of overrides did, for the audit trail.
 *
 * @param written the override every unit got, stamped (its unit id is the template's, usually
 *     empty)
 * @param unitIds the units, in request order
 * @param replaced the overrides the batch replaced, as this replica held them just before
 */
public record BatchRevision(
    UnitOverride written, List<String> unitIds, List<UnitOverride> replaced) {
  public BatchRevision {
    unitIds = List.copyOf(unitIds);
    replaced = List.copyOf(replaced);
  }
}
