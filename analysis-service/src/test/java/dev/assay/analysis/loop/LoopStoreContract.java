package dev.assay.analysis.loop;

import static dev.assay.analysis.loop.MapMetricCatalog.metric;
import static dev.assay.analysis.loop.MapMetricCatalog.ratio;
import static dev.assay.analysis.loop.MapMetricCatalog.withCap;
import static dev.assay.analysis.loop.MapMetricCatalog.withLookback;
import static dev.assay.analysis.loop.MapMetricCatalog.withWindow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assay.analysis.aggregates.Cohort;
import dev.assay.analysis.aggregates.ExperimentAggregate;
import dev.assay.analysis.aggregates.ExperimentLoopStore;
import dev.assay.analysis.aggregates.MetricMoments;
import dev.assay.analysis.aggregates.VariationAggregate;
import dev.assay.analysis.aggregates.WeightEpoch;
import dev.assay.analysis.cuped.Cuped;
import dev.assay.analysis.cuped.CupedResult;
import dev.assay.analysis.cuped.PairedMoments;
import dev.assay.analysis.export.ExportPage;
import dev.assay.analysis.exposures.Exposure;
import dev.assay.analysis.exposures.ExposureCounts;
import dev.assay.analysis.inference.Alternative;
import dev.assay.analysis.inference.ConfidenceLevel;
import dev.assay.analysis.means.TTestMethod;
import dev.assay.analysis.metrics.MetricKind;
import dev.assay.analysis.outcomes.AttributionRules;
import dev.assay.analysis.outcomes.CovariateRules;
import dev.assay.analysis.outcomes.OutcomeCounts;
import dev.assay.analysis.outcomes.OutcomeEvent;
import dev.assay.analysis.results.CupedEstimate;
import dev.assay.analysis.results.ExperimentResults;
import dev.assay.analysis.results.ResultsCalculator;
import dev.assay.runtime.errors.ValidationException;
import dev.assay.runtime.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every experiment-loop store promises (docs/experiment-loop.md): run against the in-memory
 * store and against Redis by the subclasses.
 */
public abstract class LoopStoreContract {
  /** 2026-01-01T10:00:00Z: an hour boundary. */
  protected static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");

  protected final MutableClock clock = new MutableClock(T0);
  protected ExperimentLoopStore store;
  protected final MapMetricCatalog catalog = new MapMetricCatalog();
  private int nextEventId;

  /** A fresh, empty store reading {@code clock}, keeping ids 30 days and 1,000 exports. */
  protected abstract ExperimentLoopStore newStore(MutableClock clock);

  @BeforeEach
  void open() {
    store = newStore(clock);
  }

  @AfterEach
  void closeStore() {
    store.close();
  }

  protected static Exposure exposure(String experiment, String unit, int variation, Instant at) {
    return new Exposure(experiment, variation, "v" + variation, unit, at, false, List.of(0.5, 0.5));
  }

  protected OutcomeEvent event(String unit, String metric, double value, Instant at) {
    int id = nextEventId++;
    return new OutcomeEvent("e" + id, unit, metric, value, at);
  }

  protected OutcomeCounts record(OutcomeEvent... events) {
    return record(List.of(events));
  }

  protected OutcomeCounts record(List<OutcomeEvent> events) {
    Set<String> metrics = new HashSet<>();
    events.forEach(e -> metrics.add(e.metricKey()));
    return store.recordOutcomes(events, AttributionRules.resolve(catalog, metrics));
  }

  /** Records exposures as the exposure service does: folding history for the catalog's metrics. */
  protected ExposureCounts recordExposures(List<Exposure> exposures) {
    return store.recordExposures(exposures, CovariateRules.from(catalog));
  }

  protected MetricMoments moments(String experiment, int variation, String metric) {
    VariationAggregate v = variation(experiment, Cohort.ASSIGNED, variation);
    return v.metrics().getOrDefault(metric, MetricMoments.EMPTY);
  }

  protected VariationAggregate variation(String experiment, Cohort cohort, int variation) {
    return store.current(experiment, cohort).orElseThrow().variations().stream()
        .filter(v -> v.variationIndex() == variation)
        .findFirst()
        .orElseThrow();
  }

  @Test
  void conversionCountsAUnitOnceAndUnitsWithoutEventsAsZero() {
    catalog.with(metric("buy", MetricKind.CONVERSION));
    recordExposures(
        List.of(
            exposure("x", "u1", 0, T0), exposure("x", "u2", 0, T0), exposure("x", "u3", 1, T0)));
    record(event("u1", "buy", 9, T0.plusSeconds(1)), event("u1", "buy", 5, T0.plusSeconds(2)));
    MetricMoments m = moments("x", 0, "buy");
    assertEquals(2, m.units());
    assertEquals(1, m.sum());
    assertEquals(1, m.sumSquares());
    assertEquals(2, variation("x", Cohort.ASSIGNED, 0).units());
    assertFalse(variation("x", Cohort.ASSIGNED, 1).metrics().containsKey("buy"));
  }

  @Test
  void sumAddsValuesAndWinsorisesThePerUnitValueAtTheCap() {
    catalog.with(withCap(metric("revenue", MetricKind.SUM), 10));
    recordExposures(List.of(exposure("x", "u1", 0, T0), exposure("x", "u2", 0, T0)));
    record(
        event("u1", "revenue", 4, T0.plusSeconds(1)),
        event("u1", "revenue", 3, T0.plusSeconds(2)),
        event("u2", "revenue", 8, T0.plusSeconds(1)),
        event("u2", "revenue", 8, T0.plusSeconds(2)));
    MetricMoments m = moments("x", 0, "revenue");
    assertEquals(2, m.units());
    assertEquals(7 + 10, m.sum(), 1e-12);
    assertEquals(49 + 100, m.sumSquares(), 1e-12);
  }

  @Test
  void meanCountsOnlyUnitsWithEventsFromTheirFirstEvent() {
    catalog.with(metric("latency", MetricKind.MEAN));
    recordExposures(
        List.of(
            exposure("x", "u1", 0, T0), exposure("x", "u2", 0, T0), exposure("x", "u3", 0, T0)));
    record(
        event("u1", "latency", 100, T0.plusSeconds(1)),
        event("u1", "latency", 200, T0.plusSeconds(2)),
        event("u2", "latency", 50, T0.plusSeconds(3)));
    MetricMoments m = moments("x", 0, "latency");
    assertEquals(2, m.units());
    assertEquals(150 + 50, m.sum(), 1e-9);
    assertEquals(150 * 150 + 50 * 50, m.sumSquares(), 1e-9);
  }

  @Test
  void countCountsEventsWhateverTheirValue() {
    catalog.with(metric("clicks", MetricKind.COUNT));
    recordExposures(List.of(exposure("x", "u1", 0, T0), exposure("x", "u2", 0, T0)));
    record(
        event("u1", "clicks", 7, T0.plusSeconds(1)),
        event("u1", "clicks", -2, T0.plusSeconds(2)),
        event("u1", "clicks", 0, T0.plusSeconds(3)));
    MetricMoments m = moments("x", 0, "clicks");
    assertEquals(2, m.units());
    assertEquals(3, m.sum());
    assertEquals(9, m.sumSquares());
  }

  @Test
  void onlyEventsInsideTheAttributionWindowCount() {
    catalog.with(withWindow(metric("revenue", MetricKind.SUM), Duration.ofHours(1)));
    recordExposures(List.of(exposure("x", "u1", 0, T0.minusSeconds(7200))));
    OutcomeCounts counts =
        record(
            event("u1", "revenue", 1, T0.minusSeconds(7300)), // before exposure, no CUPED
            event("u1", "revenue", 2, T0.minusSeconds(7200)), // at exposure
            event("u1", "revenue", 4, T0.minusSeconds(3600)), // at the window's end
            event("u1", "revenue", 8, T0.minusSeconds(3599))); // after it
    assertEquals(new OutcomeCounts(4, 0, 2), counts);
    assertEquals(6, moments("x", 0, "revenue").sum(), 1e-12);
  }

  @Test
  void cupedCovariateComesFromTheLookbackBeforeExposure() {
    catalog.with(withLookback(metric("revenue", MetricKind.SUM), Duration.ofDays(7)));
    recordExposures(List.of(exposure("x", "u1", 0, T0), exposure("x", "u2", 0, T0)));
    record(
        event("u1", "revenue", 3, T0.minus(Duration.ofDays(2))),
        event("u1", "revenue", 100, T0.minus(Duration.ofDays(8))), // older than the lookback
        event("u1", "revenue", 5, T0.plusSeconds(10)),
        event("u2", "revenue", 2, T0.minus(Duration.ofDays(1))));
    MetricMoments m = moments("x", 0, "revenue");
    assertEquals(2, m.units());
    assertEquals(5, m.sum(), 1e-12);
    assertEquals(3 + 2, m.covariateSum(), 1e-12);
    assertEquals(9 + 4, m.covariateSumSquares(), 1e-12);
    assertEquals(3 * 5 + 2 * 0, m.covariateCrossSum(), 1e-12);
  }

  @Test
  void ratioKeepsNumeratorDenominatorAndCrossSums() {
    catalog.with(
        metric("revenue", MetricKind.SUM),
        metric("sessions", MetricKind.COUNT),
        ratio("revenue_per_session", "revenue", "sessions"));
    recordExposures(
        List.of(
            exposure("x", "u1", 0, T0), exposure("x", "u2", 0, T0), exposure("x", "u3", 0, T0)));
    record(
        event("u1", "revenue", 10, T0.plusSeconds(1)),
        event("u1", "sessions", 1, T0.plusSeconds(1)),
        event("u1", "sessions", 1, T0.plusSeconds(2)),
        event("u2", "sessions", 1, T0.plusSeconds(2)));
    MetricMoments m = moments("x", 0, "revenue_per_session");
    assertEquals(3, m.units());
    assertEquals(10, m.sum(), 1e-12);
    assertEquals(100, m.sumSquares(), 1e-12);
    assertEquals(3, m.denominatorSum(), 1e-12);
    assertEquals(5, m.denominatorSumSquares(), 1e-12);
    assertEquals(20, m.crossSum(), 1e-12);
    assertEquals(10, moments("x", 0, "revenue").sum(), 1e-12);
    assertEquals(3, moments("x", 0, "sessions").sum(), 1e-12);
  }

  @Test
  void overriddenUnitsCountInTheirOwnCohort() {
    catalog.with(metric("buy", MetricKind.CONVERSION));
    recordExposures(
        List.of(
            exposure("x", "u1", 0, T0),
            new Exposure("x", 1, "v1", "u2", T0.minusSeconds(5), true, List.of(0.5, 0.5))));
    record(event("u2", "buy", 1, T0.plusSeconds(1)));
    ExperimentAggregate assigned = store.current("x", Cohort.ASSIGNED).orElseThrow();
    ExperimentAggregate overridden = store.current("x", Cohort.OVERRIDDEN).orElseThrow();
    assertEquals(1, assigned.variations().size());
    assertEquals(0, assigned.variations().get(0).variationIndex());
    assertEquals(1, overridden.variations().size());
    assertEquals(1, overridden.variations().get(0).metrics().get("buy").sum());
    assertEquals(T0.minusSeconds(5), overridden.firstExposure().orElseThrow());
    assertEquals(T0, assigned.firstExposure().orElseThrow());
  }

  @Test
  void weightEpochsCountUnitsByTheWeightsInForce() {
    recordExposures(
        List.of(
            new Exposure("x", 0, "a", "u1", T0, false, List.of(0.5, 0.5)),
            new Exposure("x", 1, "b", "u2", T0, false, List.of(0.5, 0.5)),
            new Exposure("x", 1, "b", "u3", T0, false, List.of(0.1, 0.9)),
            new Exposure("x", 1, "b", "u4", T0, false, List.of(0.1, 0.9))));
    List<WeightEpoch> epochs = store.current("x", Cohort.ASSIGNED).orElseThrow().epochs();
    assertEquals(
        List.of(
            new WeightEpoch(List.of(0.1, 0.9), List.of(0L, 2L)),
            new WeightEpoch(List.of(0.5, 0.5), List.of(1L, 1L))),
        epochs);
  }

  @Test
  void duplicateExposuresAndReplayedEventsCountOnce() {
    catalog.with(metric("revenue", MetricKind.SUM));
    List<Exposure> batch = List.of(exposure("x", "u1", 0, T0), exposure("x", "u2", 1, T0));
    assertEquals(new ExposureCounts(2, 0), recordExposures(batch));
    assertEquals(new ExposureCounts(0, 2), recordExposures(batch));
    // A later exposure with another variation is a duplicate too: the first one fixed the unit.
    assertEquals(
        new ExposureCounts(0, 1),
        recordExposures(List.of(exposure("x", "u1", 1, T0.plusSeconds(60)))));
    List<OutcomeEvent> events =
        List.of(event("u1", "revenue", 2.5, T0.plusSeconds(1)), event("u2", "revenue", 1, T0));
    assertEquals(new OutcomeCounts(2, 0, 2), record(events));
    assertEquals(new OutcomeCounts(0, 2, 0), record(events));
    assertEquals(2.5, moments("x", 0, "revenue").sum(), 1e-12);
    assertEquals(1, variation("x", Cohort.ASSIGNED, 0).units());
    assertEquals(1, variation("x", Cohort.ASSIGNED, 1).units());
  }

  @Test
  void anEventOfAnUnexposedUnitIsRecordedAndExportedButAttributedNowhere() {
    catalog.with(metric("revenue", MetricKind.SUM));
    OutcomeEvent early = event("u1", "revenue", 7, T0);
    assertEquals(new OutcomeCounts(1, 0, 0), record(early));
    recordExposures(List.of(exposure("x", "u1", 0, T0.minusSeconds(1))));
    assertEquals(new OutcomeCounts(0, 1, 0), record(early));
    assertEquals(0, moments("x", 0, "revenue").sum());
    assertEquals(List.of(early), items(store.exportOutcomes("", "", 10)));
  }

  @Test
  void eachExperimentOfTheUnitGetsTheEvent() {
    catalog.with(metric("revenue", MetricKind.SUM));
    recordExposures(List.of(exposure("x", "u1", 0, T0), exposure("y", "u1", 1, T0)));
    assertEquals(new OutcomeCounts(1, 0, 2), record(event("u1", "revenue", 3, T0)));
    assertEquals(3, moments("x", 0, "revenue").sum());
    assertEquals(3, moments("y", 1, "revenue").sum());
    assertEquals(List.of("x", "y"), store.experimentKeys());
  }

  @Test
  void hourlySnapshotsAreCumulativeAtTheEndOfEachHourThatChanged() {
    catalog.with(metric("revenue", MetricKind.SUM));
    recordExposures(List.of(exposure("x", "u1", 0, T0)));
    record(event("u1", "revenue", 1, T0));
    clock.advance(Duration.ofHours(2).plusMinutes(5)); // 12:05
    recordExposures(List.of(exposure("x", "u2", 0, clock.instant())));
    record(event("u2", "revenue", 2, clock.instant()));
    clock.advance(Duration.ofHours(1)); // 13:05, hour 13 still open
    record(event("u1", "revenue", 4, clock.instant()));
    List<ExperimentAggregate> hours =
        store.hourly("x", Cohort.ASSIGNED, T0, T0.plus(Duration.ofHours(3)));
    assertEquals(
        List.of(T0.plus(Duration.ofHours(1)), T0.plus(Duration.ofHours(3))),
        hours.stream().map(ExperimentAggregate::asOf).toList());
    assertEquals(1, hours.get(0).variations().get(0).units());
    assertEquals(1, hours.get(0).variations().get(0).metrics().get("revenue").sum());
    assertEquals(2, hours.get(1).variations().get(0).units());
    assertEquals(3, hours.get(1).variations().get(0).metrics().get("revenue").sum());
    assertEquals(
        List.of(T0.plus(Duration.ofHours(3))),
        store
            .hourly("x", Cohort.ASSIGNED, T0.plus(Duration.ofHours(2)), T0.plus(Duration.ofDays(1)))
            .stream()
            .map(ExperimentAggregate::asOf)
            .toList()
            .subList(0, 1));
    assertEquals(
        7,
        store
            .current("x", Cohort.ASSIGNED)
            .orElseThrow()
            .variations()
            .get(0)
            .metrics()
            .get("revenue")
            .sum());
    assertTrue(store.hourly("x", Cohort.OVERRIDDEN, T0, T0.plus(Duration.ofDays(1))).isEmpty());
  }

  @Test
  void exportsAreOldestFirstFilteredAndResumeAfterACursor() {
    catalog.with(metric("a", MetricKind.SUM), metric("b", MetricKind.SUM));
    List<Exposure> exposures = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      exposures.add(exposure(i % 2 == 0 ? "x" : "y", "u" + i, 0, T0.plusNanos(i * 1000 + 7)));
    }
    recordExposures(exposures);
    recordExposures(List.of(exposure("x", "u0", 1, T0))); // duplicate: not exported
    ExportPage<Exposure> firstTwo = store.exportExposures("", "", 2);
    assertEquals(exposures.subList(0, 2), items(firstTwo));
    ExportPage<Exposure> rest = store.exportExposures("", firstTwo.position(), 100);
    assertEquals(exposures.subList(2, 5), items(rest));
    assertEquals(
        List.of(exposures.get(0), exposures.get(2), exposures.get(4)),
        items(store.exportExposures("x", "", 100)));
    assertTrue(store.exportExposures("", rest.position(), 100).items().isEmpty());

    List<OutcomeEvent> events = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      events.add(event("u" + i, i % 2 == 0 ? "a" : "b", i + 0.25, T0.plusNanos(i)));
    }
    record(events);
    record(events.subList(0, 1));
    assertEquals(events, items(store.exportOutcomes("", "", 100)));
    ExportPage<OutcomeEvent> a = store.exportOutcomes("a", "", 1);
    assertEquals(List.of(events.get(0)), items(a));
    assertEquals(List.of(events.get(2)), items(store.exportOutcomes("a", a.position(), 10)));
    assertThrows(ValidationException.class, () -> store.exportOutcomes("", "not-a-cursor", 10));
  }

  @Test
  void preExposureEventsInTheLookbackCountInTheCovariateOnceTheUnitIsExposed() {
    catalog.with(withLookback(metric("revenue", MetricKind.SUM), Duration.ofDays(7)));
    List<OutcomeEvent> before =
        List.of(
            event("u1", "revenue", 3, T0.minus(Duration.ofDays(2))),
            event("u1", "revenue", 100, T0.minus(Duration.ofDays(8))), // older than the lookback
            event("u2", "revenue", 2, T0.minus(Duration.ofDays(1))),
            event("u2", "revenue", 1, T0.minusMillis(1)));
    assertEquals(new OutcomeCounts(4, 0, 0), record(before));
    assertEquals(new OutcomeCounts(0, 4, 0), record(before)); // a replay appends nothing
    recordExposures(List.of(exposure("x", "u1", 0, T0), exposure("x", "u2", 0, T0)));
    recordExposures(List.of(exposure("x", "u1", 0, T0))); // a duplicate folds nothing
    assertEquals(new OutcomeCounts(1, 0, 1), record(event("u1", "revenue", 5, T0.plusSeconds(10))));
    MetricMoments m = moments("x", 0, "revenue");
    assertEquals(2, m.units());
    assertEquals(5, m.sum(), 1e-12);
    assertEquals(3 + 3, m.covariateSum(), 1e-12);
    assertEquals(9 + 9, m.covariateSumSquares(), 1e-12);
    assertEquals(3 * 5 + 3 * 0, m.covariateCrossSum(), 1e-12);
  }

  @Test
  void eventsOfMetricsWithoutALookbackAreNotKeptForLaterExposures() {
    catalog.with(metric("revenue", MetricKind.SUM));
    record(event("u1", "revenue", 3, T0.minusSeconds(60)));
    // The lookback arrives after the event: it was not kept, as the docs say.
    catalog.with(withLookback(metric("revenue", MetricKind.SUM), Duration.ofDays(7)));
    recordExposures(List.of(exposure("x", "u1", 0, T0)));
    record(event("u1", "revenue", 5, T0.plusSeconds(1)));
    assertEquals(0, moments("x", 0, "revenue").covariateSum());
    assertEquals(5, moments("x", 0, "revenue").sum());
  }

  @Test
  void aUnitExposedToTwoExperimentsAtDifferentTimesGetsEachItsOwnPrePeriod() {
    catalog.with(
        withLookback(metric("clicks", MetricKind.COUNT), Duration.ofDays(2)),
        withLookback(metric("latency", MetricKind.MEAN), Duration.ofDays(2)));
    Instant day = T0.minus(Duration.ofDays(3));
    clock.set(day);
    record(event("u1", "clicks", 1, day.minus(Duration.ofDays(1))));
    record(event("u1", "latency", 40, day.minusSeconds(5)));
    recordExposures(List.of(exposure("x", "u1", 1, day)));
    clock.set(day.plus(Duration.ofDays(1)));
    // After x's exposure: x's outcomes; also kept for y, which the unit sees later.
    record(event("u1", "clicks", 1, clock.instant()), event("u1", "latency", 60, clock.instant()));
    // A backfill into x's pre-period, sent after x's exposure: attributed to x, not folded again.
    record(event("u1", "clicks", 1, day.minus(Duration.ofHours(1))));
    clock.set(T0);
    recordExposures(List.of(exposure("x", "u1", 1, T0), exposure("y", "u1", 0, T0)));
    MetricMoments xClicks = moments("x", 1, "clicks");
    assertEquals(1, xClicks.sum());
    assertEquals(2, xClicks.covariateSum()); // the click folded at exposure and the backfill
    assertEquals(2, xClicks.covariateCrossSum());
    MetricMoments yClicks = moments("y", 0, "clicks");
    assertEquals(0, yClicks.sum());
    // y looks back to T0 - 2 days = day + 1 day: only the click at day + 1 day
    assertEquals(1, yClicks.covariateSum());
    MetricMoments xLatency = moments("x", 1, "latency");
    assertEquals(1, xLatency.units());
    assertEquals(60, xLatency.sum(), 1e-12);
    assertEquals(40, xLatency.covariateSum(), 1e-12);
    // MEAN counts a unit from its first in-window event: y has none yet, so no unit and no x yet
    assertEquals(0, moments("y", 0, "latency").units());
    assertEquals(0, moments("y", 0, "latency").covariateSum(), 1e-12);
    record(event("u1", "latency", 10, T0.plusSeconds(1)));
    assertEquals(1, moments("y", 0, "latency").units());
    assertEquals(60, moments("y", 0, "latency").covariateSum(), 1e-12);
    assertEquals(600, moments("y", 0, "latency").covariateCrossSum(), 1e-12);
  }

  @Test
  void cupedResultsFromPreExposureHistoryEqualAnOfflineComputation() {
    catalog.with(withLookback(metric("revenue", MetricKind.SUM), Duration.ofDays(14)));
    SplittableRandom random = new SplittableRandom(12);
    clock.set(T0.minus(Duration.ofDays(1)));
    int units = 300;
    double[] x = new double[units];
    double[] y = new double[units];
    List<OutcomeEvent> preBatch = new ArrayList<>();
    for (int u = 0; u < units; u++) {
      for (int k = random.nextInt(0, 4); k > 0; k--) {
        double value = Math.round(random.nextDouble(1, 50) * 100) / 100.0;
        long minutesBefore = random.nextLong(1, 20 * 24 * 60);
        preBatch.add(event("u" + u, "revenue", value, T0.minus(Duration.ofMinutes(minutesBefore))));
        if (minutesBefore <= 14 * 24 * 60) {
          x[u] += value;
        }
      }
    }
    record(preBatch);
    record(preBatch.subList(0, preBatch.size() / 2)); // a replay
    clock.set(T0);
    List<Exposure> exposures = new ArrayList<>();
    for (int u = 0; u < units; u++) {
      exposures.add(exposure("x", "u" + u, u % 2, T0));
    }
    recordExposures(exposures);
    List<OutcomeEvent> postBatch = new ArrayList<>();
    for (int u = 0; u < units; u++) {
      double value =
          Math.round((0.8 * x[u] + random.nextDouble(0, 10) + (u % 2) * 2) * 100) / 100.0;
      postBatch.add(event("u" + u, "revenue", value, T0.plusSeconds(random.nextInt(1, 3600))));
      y[u] = value;
    }
    clock.advance(Duration.ofHours(1));
    record(postBatch);
    ExperimentAggregate aggregate = store.current("x", Cohort.ASSIGNED).orElseThrow();
    ExperimentResults results =
        new ResultsCalculator(catalog)
            .calculate(aggregate, aggregate, Optional.empty(), List.of("revenue"), List.of());
    CupedEstimate actual =
        results.metrics().get(0).variations().stream()
            .filter(v -> v.index() == 1)
            .findFirst()
            .orElseThrow()
            .cuped()
            .orElseThrow();
    double[][] ys = {new double[units / 2], new double[units / 2]};
    double[][] xs = {new double[units / 2], new double[units / 2]};
    for (int u = 0; u < units; u++) {
      ys[u % 2][u / 2] = y[u];
      xs[u % 2][u / 2] = x[u];
    }
    CupedResult expected =
        Cuped.test(
            PairedMoments.of(ys[0], xs[0]),
            PairedMoments.of(ys[1], xs[1]),
            TTestMethod.WELCH,
            Alternative.TWO_SIDED,
            new ConfidenceLevel(0.95));
    assertTrue(expected.varianceReduction() > 0.5, "the covariate predicts the outcome");
    assertClose(expected.adjusted().difference(), actual.absoluteLift().estimate(), "lift");
    assertClose(
        expected.adjusted().differenceInterval().lower(),
        actual.absoluteLift().interval().lower(),
        "lower");
    assertClose(
        expected.adjusted().differenceInterval().upper(),
        actual.absoluteLift().interval().upper(),
        "upper");
    assertClose(expected.adjusted().pValue(), actual.pValue(), "p-value");
    assertClose(expected.varianceReduction(), actual.varianceReduction(), "variance reduction");
  }

  protected static <T> List<T> items(ExportPage<T> page) {
    return page.items().stream().map(ExportPage.Exported::item).toList();
  }

  @Test
  void randomHistoriesMatchAnOfflineRecomputation() {
    catalog.with(
        withWindow(metric("buy", MetricKind.CONVERSION), Duration.ofHours(6)),
        withLookback(withCap(metric("revenue", MetricKind.SUM), 80), Duration.ofDays(3)),
        withLookback(metric("latency", MetricKind.MEAN), Duration.ofDays(1)),
        metric("clicks", MetricKind.COUNT),
        ratio("revenue_per_click", "revenue", "clicks"));
    List<String> metrics = List.of("buy", "revenue", "latency", "clicks", "revenue_per_click");
    for (long seed = 1; seed <= 3; seed++) {
      SplittableRandom random = new SplittableRandom(seed);
      // Units of their own per seed: a unit's pre-exposure history outlives an experiment.
      String experimentA = "prop-a-" + seed;
      String experimentB = "prop-b-" + seed;
      List<OfflineAggregates.Sent> history = new ArrayList<>();
      List<List<OutcomeEvent>> sentEvents = new ArrayList<>();
      for (int round = 0; round < 12; round++) {
        clock.advance(Duration.ofMinutes(random.nextInt(1, 50)));
        List<Exposure> exposures = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
          int unit = random.nextInt(120);
          String experiment = random.nextBoolean() ? experimentA : experimentB;
          exposures.add(
              new Exposure(
                  experiment,
                  random.nextInt(3),
                  "v",
                  "unit-" + seed + "-" + unit,
                  clock.instant().minus(Duration.ofMinutes(random.nextInt(0, 600))),
                  random.nextInt(10) == 0,
                  random.nextBoolean() ? List.of(0.2, 0.3, 0.5) : List.of(0.4, 0.4, 0.2)));
        }
        recordExposures(exposures);
        history.add(new OfflineAggregates.SentExposures(exposures));
        List<OutcomeEvent> events = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
          String m = List.of("buy", "revenue", "latency", "clicks").get(random.nextInt(4));
          events.add(
              event(
                  "unit-" + seed + "-" + random.nextInt(130),
                  m,
                  Math.round(random.nextDouble(0, 60) * 100) / 100.0,
                  clock.instant().minus(Duration.ofMinutes(random.nextInt(-4, 4000)))));
        }
        if (!sentEvents.isEmpty() && random.nextInt(3) == 0) {
          // a replay of an earlier batch (possibly after new exposures): counts nothing new
          events.addAll(sentEvents.get(random.nextInt(sentEvents.size())));
        }
        sentEvents.add(events);
        record(events);
        history.add(new OfflineAggregates.SentEvents(events));
      }
      for (String experiment : List.of(experimentA, experimentB)) {
        for (Cohort cohort : Cohort.values()) {
          assertMatchesOffline(history, metrics, experiment, cohort);
        }
      }
    }
  }

  private void assertMatchesOffline(
      List<OfflineAggregates.Sent> history,
      List<String> metrics,
      String experiment,
      Cohort cohort) {
    Map<Integer, Long> units = new TreeMap<>();
    Map<Integer, Map<String, OfflineAggregates.Expected>> expected =
        OfflineAggregates.compute(history, catalog, metrics, experiment, cohort, units);
    ExperimentAggregate actual = store.current(experiment, cohort).orElseThrow();
    Map<Integer, Long> actualUnits = new TreeMap<>();
    actual.variations().forEach(v -> actualUnits.put(v.variationIndex(), v.units()));
    assertEquals(units, actualUnits, experiment + " " + cohort);
    for (VariationAggregate v : actual.variations()) {
      Map<String, OfflineAggregates.Expected> byMetric =
          expected.getOrDefault(v.variationIndex(), Map.of());
      for (String metric : metrics) {
        MetricMoments m = v.metrics().get(metric);
        OfflineAggregates.Expected e = byMetric.get(metric);
        String where = experiment + " " + cohort + " v" + v.variationIndex() + " " + metric;
        if (m == null) {
          // no event attributed: every sum is zero
          assertTrue(e == null || isAllZero(e.sums()), where);
          continue;
        }
        double[] actualSums = {
          m.units(),
          m.sum(),
          m.sumSquares(),
          m.denominatorSum(),
          m.denominatorSumSquares(),
          m.crossSum(),
          m.covariateSum(),
          m.covariateSumSquares(),
          m.covariateCrossSum()
        };
        double[] expectedSums = e == null ? new double[9] : e.sums();
        assertEquals(e == null ? 0 : e.units(), m.units(), where + " units");
        for (int i = 1; i < 9; i++) {
          assertClose(expectedSums[i], actualSums[i], where + " statistic " + i);
        }
      }
    }
  }

  private static boolean isAllZero(double[] sums) {
    for (int i = 1; i < sums.length; i++) {
      if (sums[i] != 0) {
        return false;
      }
    }
    return true;
  }

  /** Equal to 1e-9 relative (absolute near zero, where incremental sums cancel). */
  protected static void assertClose(double expected, double actual, String what) {
    double tolerance = 1e-9 * Math.max(1, Math.abs(expected));
    assertEquals(expected, actual, tolerance, what);
  }
}
