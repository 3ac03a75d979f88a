package dev.assay.assignment.catalog;

import dev.assay.assignment.definitions.FeatureFlag;
import dev.assay.assignment.definitions.FlagValidator;
import dev.assay.assignment.evaluation.Definitions;
import dev.assay.assignment.replica.ReplicaState;
import dev.assay.assignment.store.AssignmentStore;
import java.time.Clock;

/**
 * Creates, edits, archives and lists feature flags (see {@link DefinitionCatalog} for how writes
 * reach the store and the replicas). Experiment rules must name an experiment this replica holds.
 */
public final class FlagCatalog extends DefinitionCatalog<FeatureFlag> {
  /** Writes to {@code store}, applies to {@code state}, stamps writes with {@code clock}. */
  public FlagCatalog(AssignmentStore store, ReplicaState state, Clock clock) {
    super("flag", store.flags(), state::apply, Definitions::flags, state, clock);
  }

  @Override
  FeatureFlag prepareNew(FeatureFlag draft) {
    FlagValidator.validate(draft, key -> state.get().findExperiment(key));
    return draft;
  }

  @Override
  FeatureFlag prepareEdit(FeatureFlag current, FeatureFlag edited) {
    return prepareNew(edited);
  }

  @Override
  Object[] logDetails(FeatureFlag flag) {
    return new Object[] {"killed", flag.killed()};
  }
}
