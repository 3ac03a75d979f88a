package dev.assay.assignment.hostile;

import dev.assay.assignment.definitions.Definition;
import dev.assay.assignment.definitions.Experiment;
import dev.assay.assignment.definitions.FeatureFlag;
import dev.assay.assignment.overrides.UnitOverride;
import dev.assay.assignment.store.AssignmentStore;
import java.util.Comparator;
import java.util.List;

/**
 * Everything a store holds, read from the store itself (not a replica's view), in a stable order:
 * two dumps are equal exactly when nothing was written in between.
 *
 * @param experiments every experiment, by key
 * @param flags every flag, by key
 * @param overrides every override, by target and unit
 */
record StoreDump(
    List<Experiment> experiments, List<FeatureFlag> flags, List<UnitOverride> overrides) {
  static StoreDump of(AssignmentStore store) {
    return new StoreDump(
        sorted(store.experiments().loadAll()),
        sorted(store.flags().loadAll()),
        store.loadAllOverrides().stream()
            .sorted(
                Comparator.comparing((UnitOverride o) -> o.target().kind())
                    .thenComparing(o -> o.target().key())
                    .thenComparing(UnitOverride::unitId))
            .toList());
  }

  private static <T extends Definition<T>> List<T> sorted(List<T> definitions) {
    return definitions.stream().sorted(Comparator.comparing(Definition::key)).toList();
  }
}
