package dev.assay.analysis.results;

import dev.assay.analysis.aggregates.Cohort;
import dev.assay.analysis.aggregates.ExperimentAggregate;
import dev.assay.analysis.experiments.DefinitionLookup;
import dev.assay.runtime.errors.NotFoundException;
import dev.assay.runtime.errors.Violations;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The results at the end of every hour or UTC day, cumulative, from the hourly snapshots of the
 * aggregates ({@code AggregateReader.hourly}); an hour without change has no point (its figures
 * equal the previous one's). Each point is computed exactly as live results are.
 */
public final class TimeSeries {
  /** Most points one answer holds (about three months of hours, six years of days). */
  public static final int MAX_POINTS = 2_200;

  private final LiveResults live;

  /** Computes points as {@code live} computes results. */
  public TimeSeries(LiveResults live) {
    this.live = live;
  }

  /**
   * The results at one moment.
   *
   * @param endTime end of the hour or day the figures include
   * @param results the figures then
   */
  public record Point(Instant endTime, ExperimentResults results) {}

  /**
   * Points ending in [start, end] (unset: the first exposure, now), oldest first.
   *
   * @throws NotFoundException when nothing is known of the experiment
   * @throws dev.assay.runtime.errors.ValidationException naming start_time when the range holds
   *     more than {@link #MAX_POINTS} points
   */
  public List<Point> points(
      String experimentKey,
      List<String> metricKeys,
      boolean includeOverridden,
      Resolution resolution,
      Optional<Instant> start,
      Optional<Instant> end) {
    Instant now = live.clock().instant();
    Instant to = end.orElse(now);
    Instant from = start.orElse(Instant.EPOCH);
    DefinitionLookup lookup = live.directory().lookup(experimentKey);
    List<ExperimentAggregate> assigned =
        live.aggregates().hourly(experimentKey, Cohort.ASSIGNED, Instant.EPOCH, to);
    List<ExperimentAggregate> overridden =
        includeOverridden
            ? live.aggregates().hourly(experimentKey, Cohort.OVERRIDDEN, Instant.EPOCH, to)
            : List.of();
    if (assigned.isEmpty() && overridden.isEmpty()) {
      if (lookup.definition().isEmpty()
          && live.aggregates().current(experimentKey, Cohort.ASSIGNED).isEmpty()) {
        throw new NotFoundException("experiment_key: no experiment " + experimentKey);
      }
      return List.of();
    }
    TreeMap<Instant, Instant> ends = new TreeMap<>();
    for (List<ExperimentAggregate> cohort : List.of(assigned, overridden)) {
      for (ExperimentAggregate a : cohort) {
        Instant pointEnd = resolution == Resolution.HOUR ? a.asOf() : dayEnd(a.asOf(), to);
        if (!pointEnd.isBefore(from) && !pointEnd.isAfter(to)) {
          ends.merge(pointEnd, a.asOf(), (x, y) -> x.isAfter(y) ? x : y);
        }
      }
    }
    if (ends.size() > MAX_POINTS) {
      new Violations()
          .add(
              "start_time",
              "the range holds "
                  + ends.size()
                  + " points, more than "
                  + MAX_POINTS
                  + ": narrow it or ask for days")
          .throwIfAny();
    }
    List<Point> points = new ArrayList<>(ends.size());
    for (Map.Entry<Instant, Instant> entry : ends.entrySet()) {
      Instant asOf = entry.getValue();
      ExperimentAggregate basis =
          latest(assigned, asOf).orElseGet(() -> Cohorts.empty(experimentKey, asOf));
      Optional<ExperimentAggregate> extra = latest(overridden, asOf);
      ExperimentAggregate analysed = extra.map(o -> Cohorts.merge(basis, o)).orElse(basis);
      ExperimentAggregate stamped =
          new ExperimentAggregate(
              analysed.experimentKey(),
              asOf,
              analysed.firstExposure(),
              analysed.variations(),
              analysed.epochs());
      points.add(
          new Point(
              entry.getKey(),
              live.calculator()
                  .calculate(
                      stamped,
                      basis,
                      lookup.definition(),
                      metricKeys,
                      lookup.note().stream().toList())));
    }
    return points;
  }

  /** The newest aggregate at or before {@code asOf} (the lists are oldest first). */
  private static Optional<ExperimentAggregate> latest(
      List<ExperimentAggregate> hours, Instant asOf) {
    ExperimentAggregate found = null;
    for (ExperimentAggregate a : hours) {
      if (a.asOf().isAfter(asOf)) {
        break;
      }
      found = a;
    }
    return Optional.ofNullable(found);
  }

  private static Instant dayEnd(Instant instant, Instant cap) {
    // An aggregate stamped exactly at midnight closes the day before.
    Instant shifted = instant.minusNanos(1);
    Instant end =
        LocalDate.ofInstant(shifted, ZoneOffset.UTC)
            .plusDays(1)
            .atStartOfDay(ZoneOffset.UTC)
            .toInstant();
    return end.isAfter(cap) ? cap : end;
  }
}
