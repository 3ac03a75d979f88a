package dev.assay.analysis.exposures;

import dev.assay.analysis.aggregates.Cohort;
import java.time.Instant;
import java.util.List;

/**
 * A unit's exposure to one variation of one experiment (validated).
 *
 * @param experimentKey the experiment
 * @param variationIndex the variation's index, >= 0
 * @param variationKey the variation's key
 * @param unitId the unit; outcome events join on it
 * @param time when the unit was exposed
 * @param overridden whether a per-unit override chose the variation
 * @param variationWeights the weights in force at exposure time, by variation index
 */
public record Exposure(
    String experimentKey,
    int variationIndex,
    String variationKey,
    String unitId,
    Instant time,
    boolean overridden,
    List<Double> variationWeights) {
  /** Copies the weights. */
  public Exposure {
    variationWeights = List.copyOf(variationWeights);
  }

  /** The cohort the unit counts in. */
  public Cohort cohort() {
    return overridden ? Cohort.OVERRIDDEN : Cohort.ASSIGNED;
  }

  /** The weights as one text, the identity of their weight epoch (for example {@code 0.5,0.5}). */
  public String weightsText() {
    StringBuilder text = new StringBuilder();
    for (double weight : variationWeights) {
      if (text.length() > 0) {
        text.append(',');
      }
      text.append(weight);
    }
    return text.toString();
  }
}
