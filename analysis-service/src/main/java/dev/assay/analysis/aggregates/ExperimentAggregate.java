package dev.assay.analysis.aggregates;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Everything recorded about one experiment's cohort at one moment: exact, cumulative since the
 * first exposure.
 *
 * @param experimentKey the experiment
 * @param asOf when these figures stood (now, or the end of a time-series hour)
 * @param firstExposure the first exposure's time, if any unit is exposed
 * @param variations every variation with an exposed unit, by index
 * @param epochs units by the weights in force at their first exposure
 */
public record ExperimentAggregate(
    String experimentKey,
    Instant asOf,
    Optional<Instant> firstExposure,
    List<VariationAggregate> variations,
    List<WeightEpoch> epochs) {
  /** Copies the lists. */
  public ExperimentAggregate {
    variations = List.copyOf(variations);
    epochs = List.copyOf(epochs);
  }
}
