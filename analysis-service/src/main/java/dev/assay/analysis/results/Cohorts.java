package dev.assay.analysis.results;

import dev.assay.analysis.aggregates.ExperimentAggregate;
import dev.assay.analysis.aggregates.MetricMoments;
import dev.assay.analysis.aggregates.VariationAggregate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Adds the overridden cohort's units to the assigned cohort's, when results include them. */
final class Cohorts {
  private Cohorts() {}

  /** An aggregate with no unit, as of {@code asOf}. */
  static ExperimentAggregate empty(String experimentKey, Instant asOf) {
    return new ExperimentAggregate(experimentKey, asOf, Optional.empty(), List.of(), List.of());
  }

  /**
   * Both cohorts' units and statistics together (they never share a unit); the epochs stay the
   * assigned cohort's, since the weights did not place overridden units.
   */
  static ExperimentAggregate merge(ExperimentAggregate assigned, ExperimentAggregate overridden) {
    TreeMap<Integer, VariationAggregate> byIndex = new TreeMap<>();
    for (VariationAggregate v : assigned.variations()) {
      byIndex.put(v.variationIndex(), v);
    }
    for (VariationAggregate v : overridden.variations()) {
      VariationAggregate other = byIndex.get(v.variationIndex());
      if (other == null) {
        byIndex.put(v.variationIndex(), v);
        continue;
      }
      Map<String, MetricMoments> metrics = new HashMap<>(other.metrics());
      v.metrics().forEach((key, moments) -> metrics.merge(key, moments, MetricMoments::plus));
      byIndex.put(
          v.variationIndex(),
          new VariationAggregate(
              v.variationIndex(), other.variationKey(), other.units() + v.units(), metrics));
    }
    Optional<Instant> first = assigned.firstExposure();
    if (overridden.firstExposure().isPresent()
        && (first.isEmpty() || overridden.firstExposure().get().isBefore(first.get()))) {
      first = overridden.firstExposure();
    }
    Instant asOf = assigned.asOf().isAfter(overridden.asOf()) ? assigned.asOf() : overridden.asOf();
    return new ExperimentAggregate(
        assigned.experimentKey(),
        asOf,
        first,
        new ArrayList<>(byIndex.values()),
        assigned.epochs());
  }
}
