package dev.assay.assignment.catalog;

import dev.assay.assignment.bucketing.BucketLayout;
import dev.assay.assignment.bucketing.Movement;
import dev.assay.assignment.bucketing.MovementCalculator;
import dev.assay.assignment.bucketing.RangeRebalancer;
import dev.assay.assignment.definitions.Experiment;
import dev.assay.assignment.definitions.ExperimentValidator;
import dev.assay.assignment.definitions.NamespaceSlice;
import dev.assay.assignment.definitions.Variation;
import dev.assay.assignment.evaluation.CompiledExperiment;
import dev.assay.assignment.hashing.GrowthBookHash;
import dev.assay.assignment.hashing.Namespaces;
import dev.assay.assignment.replica.ReplicaState;
import dev.assay.assignment.store.AssignmentStore;
import dev.assay.runtime.errors.AbortedException;
import dev.assay.runtime.errors.FailedPreconditionException;
import dev.assay.runtime.errors.NotFoundException;
import dev.assay.runtime.errors.ValidationException;
import dev.assay.runtime.log.EventLog;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * Creates, edits, archives and lists experiments. Writes go to the store first (so a rejected or
 * failed write changes nothing) and are then applied to this replica at once; other replicas follow
 * through the store's announcements. Edits move as few units as possible (see {@link
 * RangeRebalancer}).
 */
public final class ExperimentCatalog {
  private final AssignmentStore store;
  private final ReplicaState state;
  private final Clock clock;

  /** Writes to {@code store}, applies to {@code state}. */
  public ExperimentCatalog(AssignmentStore store, ReplicaState state, Clock clock) {
    this.store = store;
    this.state = state;
    this.clock = clock;
  }

  /** Validates and stores a new experiment at version 1. */
  public Experiment create(Experiment draft) {
    Experiment experiment =
        withEqualWeightsIfUnset(draft).withBookkeeping(1, false, clock.instant());
    ExperimentValidator.validate(experiment);
    store.createExperiment(experiment);
    state.apply(experiment);
    EventLog.info("experiment.created", "key", experiment.key(), "status", experiment.status());
    return experiment;
  }

  /**
   * Applies {@code edit} to the stored experiment and stores the result as the next version. When
   * {@code expectedVersion} is not 0 the stored version must equal it.
   */
  public Experiment update(String key, UnaryOperator<Experiment> edit, long expectedVersion) {
    Experiment current = stored(key);
    if (expectedVersion != 0 && current.version() != expectedVersion) {
      throw new AbortedException(
          "experiment "
              + key
              + " is at version "
              + current.version()
              + ", not the expected "
              + expectedVersion
              + "; read it again and retry");
    }
    if (current.archived()) {
      throw new FailedPreconditionException("experiment " + key + " is archived and cannot change");
    }
    Experiment next =
        prepare(current, edit.apply(current))
            .withBookkeeping(current.version() + 1, false, clock.instant());
    store.replaceExperiment(next, current.version());
    state.apply(next);
    EventLog.info(
        "experiment.updated", "key", key, "version", next.version(), "status", next.status());
    return next;
  }

  /** Marks an experiment archived: kept, never evaluated again. */
  public Experiment archive(String key) {
    Experiment current = stored(key);
    if (current.archived()) {
      return current;
    }
    Experiment next = current.withBookkeeping(current.version() + 1, true, clock.instant());
    store.replaceExperiment(next, current.version());
    state.apply(next);
    EventLog.info("experiment.archived", "key", key, "version", next.version());
    return next;
  }

  /** The experiment as this replica holds it (works while the store is unreachable). */
  public Experiment get(String key) {
    CompiledExperiment held = state.get().experiment(key);
    if (held == null) {
      throw new NotFoundException("experiment " + key + " not found");
    }
    return held.definition();
  }

  /** A page of experiments in key order, from this replica's state. */
  public Page<Experiment> list(int pageSize, String pageToken, boolean showArchived) {
    List<Experiment> all = new ArrayList<>();
    state
        .get()
        .experiments()
        .values()
        .forEach(
            c -> {
              if (showArchived || !c.definition().archived()) {
                all.add(c.definition());
              }
            });
    all.sort(Comparator.comparing(Experiment::key));
    return Page.of(all, Experiment::key, pageSize, pageToken);
  }

  /** What {@link #update} would do, without doing it. */
  public ChangePreview preview(
      String key, UnaryOperator<Experiment> edit, List<String> sampleUnitIds) {
    Experiment current = stored(key);
    Experiment proposed = prepare(current, edit.apply(current));
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

  /** Normalises and validates an edit, filling in bucket ranges that keep units where they are. */
  private static Experiment prepare(Experiment current, Experiment edited) {
    Experiment proposed = withEqualWeightsIfUnset(edited);
    checkVariationsOnlyAppended(current, proposed);
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

  private static void checkVariationsOnlyAppended(Experiment current, Experiment proposed) {
    List<Variation> before = current.variations();
    List<Variation> after = proposed.variations();
    for (int i = 0; i < before.size(); i++) {
      if (i >= after.size() || !before.get(i).key().equals(after.get(i).key())) {
        throw ValidationException.of(
            "experiment.variations",
            "variations can only be appended: keep ["
                + String.join(", ", before.stream().map(Variation::key).toList())
                + "] first, in order (set a weight to 0 to retire one)");
      }
    }
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

  private Experiment stored(String key) {
    return store
        .findExperiment(key)
        .orElseThrow(() -> new NotFoundException("experiment " + key + " not found"));
  }

  private static Experiment withEqualWeightsIfUnset(Experiment e) {
    if (e.variations().isEmpty() || e.variations().stream().anyMatch(v -> v.weight() != 0)) {
      return e;
    }
    double equal = 1.0 / e.variations().size();
    List<Variation> weighted =
        e.variations().stream().map(v -> new Variation(v.key(), equal, v.payload())).toList();
    return new Experiment(
        e.key(),
        e.name(),
        weighted,
        e.coverage(),
        e.hashAttribute(),
        e.seed(),
        e.hashVersion(),
        e.condition(),
        e.namespace(),
        e.status(),
        e.rolledOutVariation(),
        e.explicitRanges(),
        e.rollout(),
        e.version(),
        e.archived(),
        e.updateTime());
  }
}
