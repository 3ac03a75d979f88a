package dev.assay.assignment.evaluation;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Evaluates experiments and flags for a unit from in-memory state only: the current definitions
 * snapshot and the override lookup. It never touches the store.
 */
public final class Evaluator {
  private final Supplier<Definitions> definitions;
  private final OverrideLookup overrides;
  private final Clock clock;

  /** Reads definitions and overrides from the given in-memory sources. */
  public Evaluator(Supplier<Definitions> definitions, OverrideLookup overrides, Clock clock) {
    this.definitions = definitions;
    this.overrides = overrides;
    this.clock = clock;
  }

  /**
   * Evaluates the listed experiments and flags (or every live experiment and active flag when a
   * list is empty) for {@code unitId}. Unknown or archived keys yield reason UNKNOWN_KEY.
   */
  public Evaluation evaluate(
      String unitId,
      Map<String, Object> attributes,
      List<String> experimentKeys,
      List<String> flagKeys) {
    Definitions current = definitions.get();
    long now = clock.millis();
    List<String> experiments =
        experimentKeys.isEmpty() ? current.liveExperimentKeys() : experimentKeys;
    List<Assignment> assignments = new ArrayList<>(experiments.size());
    for (String key : experiments) {
      CompiledExperiment experiment = current.experiment(key);
      assignments.add(
          experiment == null || experiment.definition().archived()
              ? Assignment.none(key, Reason.UNKNOWN_KEY, -1, null)
              : ExperimentEvaluator.assign(experiment, unitId, attributes, overrides, now));
    }
    List<String> flags = flagKeys.isEmpty() ? current.activeFlagKeys() : flagKeys;
    List<FlagResult> results = new ArrayList<>(flags.size());
    for (String key : flags) {
      CompiledFlag flag = current.flag(key);
      results.add(
          flag == null || flag.definition().archived()
              ? new FlagResult(key, null, Reason.UNKNOWN_KEY, null, null)
              : FlagEvaluator.evaluate(flag, current, unitId, attributes, overrides, now));
    }
    return new Evaluation(assignments, results);
  }
}
