package dev.assay.assignment.exposures;

import java.util.List;

/**
 * A unit's exposure to one variation of a running experiment, as sent to the analysis service.
 *
 * @param experimentKey the experiment
 * @param variationIndex the variation's index, >= 0
 * @param variationKey the variation's key
 * @param unitId the unit
 * @param timeMillis when it was evaluated (epoch milliseconds, from the injected clock)
 * @param overridden whether a per-unit override chose the variation
 * @param variationWeights every variation's weight in force, in index order, summing to 1
 */
public record Exposure(
    String experimentKey,
    int variationIndex,
    String variationKey,
    String unitId,
    long timeMillis,
    boolean overridden,
    List<Double> variationWeights) {

  public Exposure {
    variationWeights = List.copyOf(variationWeights);
  }
}
