package dev.assay.assignment.evaluation;

import dev.assay.assignment.bucketing.BucketLayout;
import dev.assay.assignment.definitions.Experiment;
import dev.assay.assignment.definitions.RolloutStep;
import dev.assay.assignment.targeting.Condition;
import java.util.Objects;

/**
 * An experiment prepared for the hot path: condition compiled, bucket layouts computed for its
 * coverage and for every step of its gradual rollout.
 */
public final class CompiledExperiment implements CompiledDefinition<Experiment> {
  private final Experiment definition;
  private final Condition condition;
  private final BucketLayout layout;
  private final long[] stepStartMillis;
  private final BucketLayout[] stepLayouts;
  private final BucketLayout beforeRollout;

  /**
   * Compiles {@code definition}; a condition that no longer compiles matches no unit (see {@link
   * StoredConditions}).
   */
  public CompiledExperiment(Experiment definition) {
    this.definition = definition;
    this.condition =
        StoredConditions.compile(definition.condition(), "experiment " + definition.key());
    this.layout = BucketLayout.of(definition, definition.coverage());
    int steps = definition.rollout().size();
    this.stepStartMillis = new long[steps];
    this.stepLayouts = new BucketLayout[steps];
    for (int i = 0; i < steps; i++) {
      RolloutStep step = definition.rollout().get(i);
      // Validation rejects a step without a start time before anything is compiled.
      stepStartMillis[i] = Objects.requireNonNull(step.startTime()).toEpochMilli();
      stepLayouts[i] = BucketLayout.of(definition, step.coverage());
    }
    this.beforeRollout = BucketLayout.of(definition, 0);
  }

  @Override
  public Experiment definition() {
    return definition;
  }

  /** The compiled targeting condition. */
  public Condition condition() {
    return condition;
  }

  /** The layout in force at {@code nowMillis}: the coverage's, or the current rollout step's. */
  public BucketLayout layoutAt(long nowMillis) {
    if (stepLayouts.length == 0) {
      return layout;
    }
    BucketLayout current = null;
    for (int i = 0; i < stepLayouts.length && stepStartMillis[i] <= nowMillis; i++) {
      current = stepLayouts[i];
    }
    return current != null ? current : beforeRollout;
  }

  /** Whether "evaluate every running experiment" includes it. */
  public boolean isLive() {
    return switch (definition.status()) {
      case RUNNING -> true;
      case STOPPED -> definition.rolledOutVariation() >= 0;
      case DRAFT -> false;
    };
  }
}
