package dev.assay.analysis.aggregates;

import dev.assay.analysis.export.EventRing;
import dev.assay.analysis.export.ExportPage;
import dev.assay.analysis.exposures.Exposure;
import dev.assay.analysis.exposures.ExposureCounts;
import dev.assay.analysis.outcomes.AttributionRules;
import dev.assay.analysis.outcomes.CovariateRules;
import dev.assay.analysis.outcomes.MetricRule;
import dev.assay.analysis.outcomes.OutcomeCounts;
import dev.assay.analysis.outcomes.OutcomeEvent;
import dev.assay.analysis.outcomes.Reading;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The embedded default: the experiment loop's state in this process's memory, lost on restart.
 * Every write runs under one lock, so each batch is atomic. Export logs are bounded rings.
 */
public final class InMemoryLoopStore implements ExperimentLoopStore {
  private static final long HOUR_MILLIS = Duration.ofHours(1).toMillis();

  /** A unit's first exposure to one experiment. */
  private record UnitExposure(Cohort cohort, int variation, long timeMillis) {}

  /** One experiment: its units, their per-metric states, its totals and its hours' changes. */
  private static final class ExperimentState {
    final Map<String, UnitExposure> units = new HashMap<>();
    final Map<String, Map<String, double[]>> statesByMetric = new HashMap<>();
    final MomentTable total = new MomentTable();
    final TreeMap<Long, MomentTable> hours = new TreeMap<>();

    MomentTable hour(long hour) {
      return hours.computeIfAbsent(hour, h -> new MomentTable());
    }
  }

  private final Clock clock;
  private final long idRetentionMillis;
  private final Map<String, ExperimentState> experiments = new HashMap<>();
  private final Map<String, List<String>> experimentsByUnit = new HashMap<>();
  private final LinkedHashMap<String, Long> eventIdExpiry = new LinkedHashMap<>();
  private final EventRing<Exposure> exposureLog;
  private final EventRing<OutcomeEvent> outcomeLog;
  private final InMemoryPreExposureHistory preExposure = new InMemoryPreExposureHistory();

  /**
   * A store reading time from {@code clock}, remembering outcome ids for {@code idRetention} and
   * keeping the last {@code exportCapacity} exposures and events for export.
   */
  public InMemoryLoopStore(Clock clock, Duration idRetention, int exportCapacity) {
    this.clock = clock;
    this.idRetentionMillis = idRetention.toMillis();
    this.exposureLog = new EventRing<>(exportCapacity);
    this.outcomeLog = new EventRing<>(exportCapacity);
  }

  @Override
  public synchronized ExposureCounts recordExposures(
      List<Exposure> exposures, CovariateRules covariates) {
    long hour = Math.floorDiv(clock.millis(), HOUR_MILLIS);
    long recorded = 0;
    for (Exposure exposure : exposures) {
      ExperimentState experiment =
          experiments.computeIfAbsent(exposure.experimentKey(), k -> new ExperimentState());
      if (experiment.units.containsKey(exposure.unitId())) {
        continue;
      }
      long timeMillis = exposure.time().toEpochMilli();
      experiment.units.put(
          exposure.unitId(),
          new UnitExposure(exposure.cohort(), exposure.variationIndex(), timeMillis));
      experimentsByUnit
          .computeIfAbsent(exposure.unitId(), u -> new ArrayList<>(1))
          .add(exposure.experimentKey());
      for (MomentTable table : List.of(experiment.total, experiment.hour(hour))) {
        table.addUnit(
            exposure.cohort(),
            exposure.variationIndex(),
            exposure.variationKey(),
            timeMillis,
            exposure.weightsText());
      }
      foldPreExposureHistory(experiment, exposure, covariates, hour);
      exposureLog.append(exposure);
      recorded++;
    }
    return new ExposureCounts(recorded, exposures.size() - recorded);
  }

  @Override
  public synchronized OutcomeCounts recordOutcomes(
      List<OutcomeEvent> events, AttributionRules rules) {
    long now = clock.millis();
    forgetExpiredIds(now);
    long hour = Math.floorDiv(now, HOUR_MILLIS);
    long recorded = 0;
    long attributions = 0;
    double[] before = new double[MetricRule.MOMENTS];
    double[] after = new double[MetricRule.MOMENTS];
    for (OutcomeEvent event : events) {
      if (eventIdExpiry.containsKey(event.eventId())) {
        continue;
      }
      eventIdExpiry.put(event.eventId(), now + idRetentionMillis);
      outcomeLog.append(event);
      recorded++;
      long eventMillis = event.time().toEpochMilli();
      long lookbackMillis = rules.lookbackMillisOf(event.metricKey());
      if (lookbackMillis >= 0) {
        preExposure.append(
            event.unitId(),
            new PastEvent(event.metricKey(), eventMillis, event.value()),
            lookbackMillis,
            now);
      }
      for (String experimentKey : experimentsByUnit.getOrDefault(event.unitId(), List.of())) {
        ExperimentState experiment = experiments.get(experimentKey);
        UnitExposure exposure = experiment == null ? null : experiment.units.get(event.unitId());
        if (experiment == null || exposure == null) {
          continue; // cannot happen: a unit is indexed only with its exposure
        }
        boolean isAttributed = false;
        for (Reading reading : rules.readingsOf(event.metricKey())) {
          MetricRule rule = reading.rule();
          MetricRule.Placement placement = rule.place(eventMillis, exposure.timeMillis());
          if (placement == MetricRule.Placement.IGNORED) {
            continue;
          }
          isAttributed = true;
          double[] state =
              experiment
                  .statesByMetric
                  .computeIfAbsent(rule.metricKey(), k -> new HashMap<>())
                  .computeIfAbsent(event.unitId(), u -> new double[MetricRule.STATE_SIZE]);
          rule.contribution(state, before);
          rule.apply(state, reading.part(), placement, event.value());
          rule.contribution(state, after);
          for (int i = 0; i < after.length; i++) {
            after[i] -= before[i];
          }
          for (MomentTable table : List.of(experiment.total, experiment.hour(hour))) {
            table.addMoments(
                exposure.cohort(),
                exposure.variation(),
                rule.metricKey(),
                rule.countsOnlyUnitsWithEvents(),
                after);
          }
        }
        if (isAttributed) {
          attributions++;
        }
      }
    }
    return new OutcomeCounts(recorded, events.size() - recorded, attributions);
  }

  /**
   * On a unit's first exposure: its history events in each covariate's pre-period join its state as
   * if they had been attributed now (the same before/after change of the sums). Events recorded
   * from now on find the exposure and are attributed instead, so none counts twice.
   */
  private void foldPreExposureHistory(
      ExperimentState experiment, Exposure exposure, CovariateRules covariates, long hour) {
    long exposureMillis = exposure.time().toEpochMilli();
    Map<MetricRule, double[]> preSums = new LinkedHashMap<>();
    for (PastEvent event : preExposure.eventsOf(exposure.unitId())) {
      Optional<MetricRule> rule = covariates.ruleOf(event.metricKey());
      if (rule.isPresent()
          && rule.get().place(event.timeMillis(), exposureMillis)
              == MetricRule.Placement.PRE_PERIOD) {
        double[] sums = preSums.computeIfAbsent(rule.get(), r -> new double[2]);
        sums[0] += event.value();
        sums[1] += 1;
      }
    }
    double[] before = new double[MetricRule.MOMENTS];
    double[] after = new double[MetricRule.MOMENTS];
    for (Map.Entry<MetricRule, double[]> folded : preSums.entrySet()) {
      MetricRule rule = folded.getKey();
      double[] state =
          experiment
              .statesByMetric
              .computeIfAbsent(rule.metricKey(), k -> new HashMap<>())
              .computeIfAbsent(exposure.unitId(), u -> new double[MetricRule.STATE_SIZE]);
      rule.contribution(state, before);
      state[2] += folded.getValue()[0];
      state[3] += folded.getValue()[1];
      rule.contribution(state, after);
      for (int i = 0; i < after.length; i++) {
        after[i] -= before[i];
      }
      for (MomentTable table : List.of(experiment.total, experiment.hour(hour))) {
        table.addMoments(
            exposure.cohort(),
            exposure.variationIndex(),
            rule.metricKey(),
            rule.countsOnlyUnitsWithEvents(),
            after);
      }
    }
  }

  /** Ids are kept in recording order, so the expired ones are at the head. */
  private void forgetExpiredIds(long now) {
    Iterator<Map.Entry<String, Long>> oldest = eventIdExpiry.entrySet().iterator();
    while (oldest.hasNext() && oldest.next().getValue() <= now) {
      oldest.remove();
    }
  }

  @Override
  public synchronized Optional<ExperimentAggregate> current(String experimentKey, Cohort cohort) {
    ExperimentState experiment = experiments.get(experimentKey);
    return experiment == null
        ? Optional.empty()
        : experiment.total.toAggregate(experimentKey, cohort, clock.instant());
  }

  @Override
  public synchronized List<ExperimentAggregate> hourly(
      String experimentKey, Cohort cohort, Instant from, Instant to) {
    ExperimentState experiment = experiments.get(experimentKey);
    if (experiment == null) {
      return List.of();
    }
    return HourlySnapshots.cumulative(experimentKey, cohort, from, to, experiment.hours);
  }

  @Override
  public synchronized List<String> experimentKeys() {
    return experiments.keySet().stream().sorted().toList();
  }

  @Override
  public ExportPage<Exposure> exportExposures(String experimentKey, String afterCursor, int limit) {
    return exposureLog.after(
        afterCursor,
        e -> experimentKey.isEmpty() || e.experimentKey().equals(experimentKey),
        limit);
  }

  @Override
  public ExportPage<OutcomeEvent> exportOutcomes(String metricKey, String afterCursor, int limit) {
    return outcomeLog.after(
        afterCursor, e -> metricKey.isEmpty() || e.metricKey().equals(metricKey), limit);
  }

  @Override
  public String describe() {
    return "in memory (lost on restart)";
  }

  @Override
  public void close() {
    // Nothing held outside the heap.
  }
}
