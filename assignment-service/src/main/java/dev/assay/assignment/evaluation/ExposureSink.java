package dev.assay.assignment.evaluation;

import dev.assay.assignment.definitions.Experiment;

/**
 * Told of every assignment of a unit to a variation that an evaluation makes (directly, or through
 * a flag's experiment rule), with the definition it was made from. Called on the evaluation's
 * thread: it must return at once and never wait.
 */
@FunctionalInterface
public interface ExposureSink {
  /** Records nothing. */
  ExposureSink NONE = (experiment, assignment, unitId, timeMillis) -> {};

  /**
   * {@code unitId} sees {@code assignment} (in the experiment: a variation index >= 0) of {@code
   * experiment}, evaluated at {@code timeMillis} (epoch milliseconds, from the evaluator's clock).
   */
  void assigned(Experiment experiment, Assignment assignment, String unitId, long timeMillis);
}
