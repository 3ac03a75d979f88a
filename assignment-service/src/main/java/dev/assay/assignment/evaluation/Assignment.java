package dev.assay.assignment.evaluation;

import org.jspecify.annotations.Nullable;

/**
 * The outcome for one unit in one experiment.
 *
 * @param experimentKey the experiment
 * @param variationIndex the variation, or -1 when the unit is not in the experiment
 * @param variationKey its key, or null
 * @param payload its payload (plain Java JSON), or null
 * @param reason why
 * @param bucket the unit's hash bucket in [0, 1), or -1 when none was computed
 * @param hashValue the value hashed (unit id or hash attribute), or null when none
 */
public record Assignment(
    String experimentKey,
    int variationIndex,
    @Nullable String variationKey,
    @Nullable Object payload,
    Reason reason,
    double bucket,
    @Nullable String hashValue) {

  /** True when the unit sees a variation. */
  public boolean isInExperiment() {
    return variationIndex >= 0;
  }

  static Assignment none(
      String experimentKey, Reason reason, double bucket, @Nullable String hashValue) {
    return new Assignment(experimentKey, -1, null, null, reason, bucket, hashValue);
  }
}
