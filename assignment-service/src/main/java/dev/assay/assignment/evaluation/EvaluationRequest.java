package dev.assay.assignment.evaluation;

import dev.assay.assignment.definitions.JsonRules;
import dev.assay.assignment.definitions.Limits;
import dev.assay.runtime.errors.Violations;
import java.util.List;
import java.util.Map;

/**
 * What to evaluate for one unit.
 *
 * @param unitId the unit, 1-256 characters
 * @param attributes the unit's attributes (plain Java JSON)
 * @param experimentKeys the experiments, at most 1,000; empty for every live one
 * @param flagKeys the flags, at most 1,000; empty for every active one
 * @param skipExposures when true the evaluator's {@link ExposureSink} is not told of this
 *     evaluation's assignments (a client pre-fetching what it may show later)
 */
public record EvaluationRequest(
    String unitId,
    Map<String, Object> attributes,
    List<String> experimentKeys,
    List<String> flagKeys,
    boolean skipExposures) {

  /** A request whose assignments are recorded as exposures (the contract's default). */
  public EvaluationRequest(
      String unitId,
      Map<String, Object> attributes,
      List<String> experimentKeys,
      List<String> flagKeys) {
    this(unitId, attributes, experimentKeys, flagKeys, false);
  }

  /**
   * Records every limit this request breaks, its fields under {@code prefix}; returns whether it
   * broke any.
   */
  boolean check(Violations v, String prefix) {
    Violations own = new Violations();
    record(own, prefix);
    if (own.isEmpty()) {
      return false;
    }
    record(v, prefix);
    return true;
  }

  private void record(Violations own, String prefix) {
    Limits.checkUnitId(own, unitId, prefix + "unit_id");
    JsonRules.ATTRIBUTES.check(own, attributes, prefix + "attributes");
    checkKeyLengths(own, experimentKeys, prefix + "experiment_keys");
    checkKeyLengths(own, flagKeys, prefix + "flag_keys");
    own.check(
        experimentKeys.size() > Limits.MAX_KEYS_PER_EVALUATION,
        prefix + "experiment_keys",
        "at most 1,000 keys, got " + experimentKeys.size());
    own.check(
        flagKeys.size() > Limits.MAX_KEYS_PER_EVALUATION,
        prefix + "flag_keys",
        "at most 1,000 keys, got " + flagKeys.size());
  }

  /** A key longer than any valid one cannot name a definition; it is refused, not echoed back. */
  private static void checkKeyLengths(Violations v, List<String> keys, String field) {
    int reported = 0;
    for (int i = 0; i < keys.size() && reported < Limits.MAX_ELEMENT_VIOLATIONS; i++) {
      if (keys.get(i).length() > Limits.MAX_IDENTIFIER) {
        v.add(field + "[" + i + "]", "must be at most " + Limits.MAX_IDENTIFIER + " characters");
        reported++;
      }
    }
  }
}
