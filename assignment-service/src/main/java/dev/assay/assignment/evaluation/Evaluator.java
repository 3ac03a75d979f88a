package dev.assay.assignment.evaluation;

import dev.assay.assignment.definitions.Limits;
import dev.assay.runtime.errors.ValidationException;
import dev.assay.runtime.errors.Violations;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Evaluates experiments and flags for a unit from in-memory state only: the current definitions
 * snapshot and the override lookup. It never touches the store. Every assignment to a variation is
 * passed to its {@link ExposureSink} (unless the request skips exposures), which must not wait.
 */
public final class Evaluator {
  /** Sees every key: callers without project limits. */
  public static final Predicate<String> EVERY_KEY = key -> true;

  private final Supplier<Definitions> definitions;
  private final OverrideLookup overrides;
  private final Clock clock;
  private final ExposureSink exposures;

  /** Reads definitions and overrides from the given in-memory sources; records no exposure. */
  public Evaluator(Supplier<Definitions> definitions, OverrideLookup overrides, Clock clock) {
    this(definitions, overrides, clock, ExposureSink.NONE);
  }

  /** As {@link #Evaluator(Supplier, OverrideLookup, Clock)}, telling {@code exposures}. */
  public Evaluator(
      Supplier<Definitions> definitions,
      OverrideLookup overrides,
      Clock clock,
      ExposureSink exposures) {
    this.definitions = definitions;
    this.overrides = overrides;
    this.clock = clock;
    this.exposures = exposures;
  }

  /**
   * Checks a caller's request against the limits, then evaluates it (see {@link #evaluate(String,
   * Map, List, List)}).
   *
   * @throws dev.assay.runtime.errors.ValidationException naming {@code unit_id}, {@code
   *     experiment_keys} or {@code flag_keys} out of their limits
   */
  public Evaluation evaluate(EvaluationRequest request) {
    return evaluate(request, EVERY_KEY);
  }

  /**
   * As {@link #evaluate(EvaluationRequest)}, where "every live experiment and active flag" (an
   * empty key list) means only those whose key {@code visible} accepts: what a caller limited to
   * some projects may see. Keys the request lists are evaluated as listed; the caller checks them.
   */
  public Evaluation evaluate(EvaluationRequest request, Predicate<String> visible) {
    Violations v = new Violations();
    request.check(v, "");
    v.throwIfAny();
    return evaluate(request, definitions.get(), clock.millis(), visible);
  }

  /**
   * Evaluates the listed experiments and flags (or every live experiment and active flag when a
   * list is empty) for one unit. Unknown or archived keys yield reason UNKNOWN_KEY. Checks no
   * limits: for input that is not a caller's request (tests, benchmarks); an empty unit id is a
   * unit without an id, which hashing on the unit id leaves out.
   */
  public Evaluation evaluate(
      String unitId,
      Map<String, Object> attributes,
      List<String> experimentKeys,
      List<String> flagKeys) {
    return evaluate(
        new EvaluationRequest(unitId, attributes, experimentKeys, flagKeys),
        definitions.get(),
        clock.millis(),
        EVERY_KEY);
  }

  /**
   * Evaluates 1 to 1,000 requests, in order, against one snapshot of the definitions.
   *
   * @throws dev.assay.runtime.errors.ValidationException naming {@code requests} or each bad field
   *     ({@code requests[3].unit_id}) before anything is evaluated
   */
  public List<Evaluation> evaluateBatch(List<EvaluationRequest> requests) {
    return evaluateBatch(requests, EVERY_KEY);
  }

  /** As {@link #evaluateBatch(List)}, seeing only the keys {@code visible} accepts. */
  public List<Evaluation> evaluateBatch(
      List<EvaluationRequest> requests, Predicate<String> visible) {
    if (requests.isEmpty() || requests.size() > Limits.MAX_UNITS_PER_BATCH) {
      throw ValidationException.of("requests", "needs 1 to 1,000 units, got " + requests.size());
    }
    Violations v = new Violations();
    int badRequests = 0;
    for (int i = 0; i < requests.size() && badRequests < Limits.MAX_ELEMENT_VIOLATIONS; i++) {
      if (requests.get(i).check(v, "requests[" + i + "].")) {
        badRequests++; // reported up to a bound, so 1,000 bad units cannot make a huge error
      }
    }
    v.throwIfAny();
    Definitions current = definitions.get();
    long now = clock.millis();
    List<Evaluation> evaluations = new ArrayList<>(requests.size());
    for (EvaluationRequest request : requests) {
      evaluations.add(evaluate(request, current, now, visible));
    }
    return evaluations;
  }

  /**
   * Evaluates 1 to 1,000 listed experiments for a unit that was shown them and always tells the
   * exposure sink of each assignment to a variation: for clients that evaluated earlier with
   * exposures skipped. Flags are not evaluated.
   *
   * @throws dev.assay.runtime.errors.ValidationException naming {@code unit_id}, {@code attributes}
   *     or {@code experiment_keys} out of their limits
   */
  public List<Assignment> recordExposures(
      String unitId, Map<String, Object> attributes, List<String> experimentKeys) {
    Violations v = new Violations();
    v.check(
        experimentKeys.isEmpty(),
        "experiment_keys",
        "needs 1 to 1,000 keys (the experiments shown), got 0");
    new EvaluationRequest(unitId, attributes, experimentKeys, List.of()).check(v, "");
    v.throwIfAny();
    return assign(experimentKeys, unitId, attributes, definitions.get(), clock.millis(), exposures);
  }

  private Evaluation evaluate(
      EvaluationRequest request, Definitions current, long now, Predicate<String> visible) {
    ExposureSink sink = request.skipExposures() ? ExposureSink.NONE : exposures;
    List<String> experiments =
        request.experimentKeys().isEmpty()
            ? visibleOnly(current.liveExperimentKeys(), visible)
            : request.experimentKeys();
    List<Assignment> assignments =
        assign(experiments, request.unitId(), request.attributes(), current, now, sink);
    List<String> flags =
        request.flagKeys().isEmpty()
            ? visibleOnly(current.activeFlagKeys(), visible)
            : request.flagKeys();
    List<FlagResult> results = new ArrayList<>(flags.size());
    for (String key : flags) {
      CompiledFlag flag = current.flag(key);
      FlagResult result =
          flag == null || flag.definition().archived()
              ? new FlagResult(key, null, Reason.UNKNOWN_KEY, null, null)
              : FlagEvaluator.evaluate(
                  flag, current, request.unitId(), request.attributes(), overrides, now);
      results.add(result);
      Assignment viaRule = result.experiment();
      if (viaRule != null && viaRule.isInExperiment()) {
        CompiledExperiment experiment = current.experiment(viaRule.experimentKey());
        if (experiment != null) { // the rule's experiment is in the same snapshot
          sink.assigned(experiment.definition(), viaRule, request.unitId(), now);
        }
      }
    }
    return new Evaluation(assignments, results);
  }

  private List<Assignment> assign(
      List<String> keys,
      String unitId,
      Map<String, Object> attributes,
      Definitions current,
      long now,
      ExposureSink sink) {
    List<Assignment> assignments = new ArrayList<>(keys.size());
    for (String key : keys) {
      CompiledExperiment experiment = current.experiment(key);
      if (experiment == null || experiment.definition().archived()) {
        assignments.add(Assignment.none(key, Reason.UNKNOWN_KEY, -1, null));
        continue;
      }
      Assignment assignment =
          ExperimentEvaluator.assign(experiment, unitId, attributes, overrides, now);
      if (assignment.isInExperiment()) {
        sink.assigned(experiment.definition(), assignment, unitId, now);
      }
      assignments.add(assignment);
    }
    return assignments;
  }

  private static List<String> visibleOnly(List<String> keys, Predicate<String> visible) {
    if (visible == EVERY_KEY) {
      return keys; // the common case (no project limits) copies nothing on the hot path
    }
    List<String> shown = new ArrayList<>(keys.size());
    for (String key : keys) {
      if (visible.test(key)) {
        shown.add(key);
      }
    }
    return shown;
  }
}
