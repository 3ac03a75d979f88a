package dev.assay.analysis.aggregates;

import java.util.List;

/**
 * Units first exposed while one set of weights was in force, for the sample-ratio check across
 * weight changes: the expected count of variation i is Σ over epochs of units × weight_i.
 *
 * @param weights the weights in force, by variation index
 * @param units units first exposed under them, by variation index (same length as weights)
 */
public record WeightEpoch(List<Double> weights, List<Long> units) {
  /** Copies the lists. */
  public WeightEpoch {
    weights = List.copyOf(weights);
    units = List.copyOf(units);
  }
}
