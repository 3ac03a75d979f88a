package dev.assay.assignment.evaluation;

/** Why a unit got (or did not get) a variation or a flag value. */
public enum Reason {
  OVERRIDE,
  NOT_TARGETED,
  OUTSIDE_COVERAGE,
  OTHER_NAMESPACE,
  BUCKET,
  NOT_RUNNING,
  ROLLED_OUT,
  MISSING_HASH_ATTRIBUTE,
  UNKNOWN_KEY,
  DEFAULT,
  FORCED,
  ROLLOUT,
  EXPERIMENT,
  KILLED
}
