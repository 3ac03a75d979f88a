package dev.assay.assignment.evaluation;

import dev.assay.assignment.targeting.Condition;
import dev.assay.assignment.targeting.InvalidConditionException;
import dev.assay.runtime.log.EventLog;
import java.util.Map;

/**
 * Compiles the conditions of stored definitions. Writes validate conditions, but a definition
 * stored under older rules (a lookahead pattern, before patterns had to run in linear time) may no
 * longer compile: it then matches no unit, and a warning names it, so one such definition never
 * stops a replica from loading the others.
 */
final class StoredConditions {
  private StoredConditions() {}

  /** The compiled condition, or one that never matches (with a warning) if it cannot compile. */
  static Condition compile(Map<String, Object> json, String definition) {
    if (json.isEmpty()) {
      return Condition.always();
    }
    try {
      return Condition.compile(json);
    } catch (InvalidConditionException e) {
      EventLog.warn(
          "definition.condition_unusable",
          "definition",
          definition,
          "problem",
          e.getMessage(),
          "effect",
          "matches no unit until the definition is edited");
      return Condition.never();
    }
  }
}
