package dev.assay.assignment.catalog;

import dev.assay.assignment.bucketing.BucketLayout;
import dev.assay.assignment.bucketing.Movement;
import dev.assay.assignment.bucketing.MovementCalculator;
import dev.assay.assignment.bucketing.RangeRebalancer;
import dev.assay.assignment.definitions.Experiment;
import dev.assay.assignment.definitions.ExperimentValidator;
import dev.assay.assignment.definitions.Limits;
import dev.assay.assignment.definitions.NamespaceSlice;
import dev.assay.assignment.evaluation.CompiledExperiment;
import dev.assay.assignment.evaluation.Definitions;
import dev.assay.assignment.hashing.GrowthBookHash;
import dev.assay.assignment.hashing.Namespaces;
import dev.assay.assignment.replica.ReplicaState;
import dev.assay.assignment.store.AssignmentStore;
import dev.assay.runtime.errors.Violations;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * Creates, edits, archives and lists experiments (see {@link DefinitionCatalog} for how writes
 * reach the store and the replicas). Edits move as few units as possible (see {@link
 * RangeRebalancer}), and {@link #preview} says which before anything changes.
 */
public final class ExperimentCatalog extends DefinitionCatalog<Experiment> {
  /** Writes to {@code store}, applies to {@code state}, stamps writes with {@code clock}. */
  public ExperimentCatalog(AssignmentStore store, ReplicaState state, Clock clock) {
    super("experiment", store.experiments(), state::apply, Definitions::experiments, state, clock);
  }

  /** What {@link #update} would do, without doing it. */
  public ChangePreview preview(
      String key, UnaryOperator<Experiment> edit, List<String> sampleUnitIds) {
    Limits.requireKey(key, "experiment.key");
    Violations v = new Violations();
    Limits.checkUnitIds(v, sampleUnitIds, 0, Limits.MAX_PREVIEW_UNITS, "sample_unit_ids");
    v.throwIfAny();
    Experiment current = stored(key, "experiment.key");
    Experiment proposed = prepareEdit(current, edit.apply(current));
    long now = clock.millis();
    BucketLayout before = new CompiledExperiment(current).layoutAt(now);
    BucketLayout after = new CompiledExperiment(proposed).layoutAt(now);
    Movement movement =
        isRehashed(current, proposed)
            ? MovementCalculator.rehashed(
                before.shares(current.variations().size()),
                after.shares(proposed.variations().size()))
            : MovementCalculator.compare(before, after);
    List<ChangePreview.UnitMove> moved = new ArrayList<>();
    for (String unit : sampleUnitIds) {
      int from = outcome(current, before, unit);
      int to = outcome(proposed, after, unit);
      if (from != to) {
        moved.add(new ChangePreview.UnitMove(unit, from, to));
      }
    }
    return new ChangePreview(movement, moved, proposed);
  }

  @Override
  Experiment prepareNew(Experiment draft) {
    Experiment experiment = draft.withDefaultWeights();
    ExperimentValidator.validate(experiment);
    return experiment;
  }

  /** Normalises and validates an edit, filling in bucket ranges that keep units where they are. */
  @Override
  Experiment prepareEdit(Experiment current, Experiment edited) {
    Experiment proposed = edited.withDefaultWeights();
    ExperimentValidator.checkVariationsOnlyAppended(current, proposed);
    if (!isRehashed(current, proposed)
        && Objects.equals(proposed.explicitRanges(), current.explicitRanges())
        && !Arrays.equals(current.weights(), proposed.weights())) {
      proposed =
          proposed.withExplicitRanges(
              RangeRebalancer.rebalance(BucketLayout.fullRanges(current), proposed.weights()));
    }
    ExperimentValidator.validate(proposed);
    return proposed;
  }

  @Override
  Object[] logDetails(Experiment experiment) {
    return new Object[] {"status", experiment.status()};
  }

  /** Whether the hash itself changes, so every unit is re-bucketed independently. */
  private static boolean isRehashed(Experiment a, Experiment b) {
    return !a.effectiveSeed().equals(b.effectiveSeed())
        || a.hashVersion() != b.hashVersion()
        || !a.hashAttribute().equals(b.hashAttribute());
  }

  private static int outcome(Experiment e, BucketLayout layout, String hashValue) {
    NamespaceSlice ns = e.namespace();
    if (ns != null && !Namespaces.contains(hashValue, ns.id(), ns.start(), ns.end())) {
      return -1;
    }
    return layout.choose(GrowthBookHash.hash(e.effectiveSeed(), hashValue, e.hashVersion()));
  }
}
