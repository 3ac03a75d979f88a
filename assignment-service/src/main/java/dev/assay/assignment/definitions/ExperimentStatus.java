package dev.assay.assignment.definitions;

/** Lifecycle of an experiment. */
public enum ExperimentStatus {
  /** Defined, not assigning. */
  DRAFT,
  /** Assigning units. */
  RUNNING,
  /** Finished; may roll one variation out to every targeted unit. */
  STOPPED
}
