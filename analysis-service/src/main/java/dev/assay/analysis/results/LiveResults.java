package dev.assay.analysis.results;

import dev.assay.analysis.aggregates.AggregateReader;
import dev.assay.analysis.aggregates.Cohort;
import dev.assay.analysis.aggregates.ExperimentAggregate;
import dev.assay.analysis.experiments.DefinitionLookup;
import dev.assay.analysis.experiments.ExperimentDefinition;
import dev.assay.analysis.experiments.ExperimentDirectory;
import dev.assay.runtime.errors.NotFoundException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Live results of one experiment: reads its aggregates (never raw events) and its definition, and
 * computes the figures now. An experiment without an aggregate and without a definition is unknown.
 */
public final class LiveResults {
  private final AggregateReader aggregates;
  private final ExperimentDirectory directory;
  private final ResultsCalculator calculator;
  private final Clock clock;

  /** Results over {@code aggregates}, with definitions from {@code directory}. */
  public LiveResults(
      AggregateReader aggregates,
      ExperimentDirectory directory,
      ResultsCalculator calculator,
      Clock clock) {
    this.aggregates = aggregates;
    this.directory = directory;
    this.calculator = calculator;
    this.clock = clock;
  }

  /**
   * The results now.
   *
   * @throws NotFoundException when nothing is known of the experiment
   * @throws dev.assay.runtime.errors.UnavailableException when the aggregates cannot be read
   */
  public ExperimentResults current(
      String experimentKey, List<String> metricKeys, boolean includeOverridden) {
    DefinitionLookup lookup = directory.lookup(experimentKey);
    Optional<ExperimentAggregate> assigned = aggregates.current(experimentKey, Cohort.ASSIGNED);
    Optional<ExperimentAggregate> overridden =
        includeOverridden ? aggregates.current(experimentKey, Cohort.OVERRIDDEN) : Optional.empty();
    if (assigned.isEmpty() && overridden.isEmpty() && lookup.definition().isEmpty()) {
      throw new NotFoundException("experiment_key: no experiment " + experimentKey);
    }
    Instant now = clock.instant();
    ExperimentAggregate basis = assigned.orElseGet(() -> Cohorts.empty(experimentKey, now));
    ExperimentAggregate analysed = overridden.map(o -> Cohorts.merge(basis, o)).orElse(basis);
    if (assigned.isEmpty() && overridden.isEmpty()) {
      analysed = Cohorts.empty(experimentKey, now);
    }
    return calculator.calculate(
        analysed, basis, lookup.definition(), metricKeys, lookup.note().stream().toList());
  }

  /**
   * The results now of a definition just read (the monitor's view: the plan's metrics, assigned
   * units only).
   */
  public ExperimentResults currentFor(ExperimentDefinition definition) {
    Instant now = clock.instant();
    ExperimentAggregate assigned =
        aggregates
            .current(definition.key(), Cohort.ASSIGNED)
            .orElseGet(() -> Cohorts.empty(definition.key(), now));
    return calculator.calculate(assigned, assigned, Optional.of(definition), List.of(), List.of());
  }

  /** The directory definitions come from (the time series reads it once per call). */
  ExperimentDirectory directory() {
    return directory;
  }

  AggregateReader aggregates() {
    return aggregates;
  }

  ResultsCalculator calculator() {
    return calculator;
  }

  Clock clock() {
    return clock;
  }
}
