package dev.assay.analysis.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assay.analysis.aggregates.Cohort;
import dev.assay.analysis.aggregates.ExperimentAggregate;
import dev.assay.analysis.experiments.DefinitionLookup;
import dev.assay.analysis.experiments.ExperimentDefinition;
import dev.assay.analysis.experiments.ExperimentDirectory;
import dev.assay.analysis.experiments.MonitorPolicy;
import dev.assay.analysis.experiments.NoDirectory;
import dev.assay.analysis.metrics.MetricKind;
import dev.assay.runtime.errors.NotFoundException;
import dev.assay.runtime.errors.ValidationException;
import dev.assay.runtime.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** Live results and time series over the aggregate reader and the directory. */
class TimeSeriesTest {
  private static final Instant START = Instant.parse("2026-03-01T00:00:00Z");

  private final FakeAggregates aggregates = new FakeAggregates();
  private final MutableClock clock = new MutableClock(START.plus(Duration.ofDays(3)));
  private final Fixtures.Catalog catalog =
      new Fixtures.Catalog()
          .put(Fixtures.metric("checkout", MetricKind.CONVERSION, false, 0, false));
  private final ExperimentDefinition definition =
      Fixtures.running(
          "exp",
          List.of("control", "treatment"),
          Fixtures.plan("checkout", List.of(), List.of(), 0, 0.05, MonitorPolicy.OFF));

  private LiveResults live(ExperimentDirectory directory) {
    return new LiveResults(aggregates, directory, new ResultsCalculator(catalog), clock);
  }

  private static ExperimentDirectory knowing(ExperimentDefinition definition) {
    return new ExperimentDirectory() {
      @Override
      public DefinitionLookup lookup(String experimentKey) {
        return DefinitionLookup.of(
            experimentKey.equals(definition.key()) ? Optional.of(definition) : Optional.empty());
      }

      @Override
      public List<ExperimentDefinition> listRunning() {
        return List.of(definition);
      }

      @Override
      public void stop(String key, long version, OptionalInt rolledOut, String reason) {
        throw new UnsupportedOperationException();
      }
    };
  }

  /** Cumulative hourly snapshots: hour h has 100 (h + 1) units per arm. */
  private void hours(int count) {
    for (int h = 0; h < count; h++) {
      long n = 100L * (h + 1);
      aggregates.put(
          Fixtures.aggregate(
              "exp",
              START.plus(Duration.ofHours(h + 1)),
              new long[] {n, n},
              List.of(
                  Map.of("checkout", Fixtures.conversions(n / 10, n)),
                  Map.of("checkout", Fixtures.conversions(n / 8, n)))));
    }
  }

  @Test
  void hourlyPointsAreTheCumulativeResultsAtTheEndOfEachHour() {
    hours(30);
    List<TimeSeries.Point> points =
        new TimeSeries(live(knowing(definition)))
            .points("exp", List.of(), false, Resolution.HOUR, Optional.empty(), Optional.empty());
    assertEquals(30, points.size());
    assertEquals(START.plus(Duration.ofHours(1)), points.get(0).endTime());
    assertEquals(100, points.get(0).results().variations().get(0).units());
    assertEquals(3_000, points.get(29).results().variations().get(1).units());
    assertEquals(points.get(29).endTime(), points.get(29).results().asOf());
  }

  @Test
  void aDayPointIsTheLastHourOfThatUtcDay() {
    hours(30);
    List<TimeSeries.Point> points =
        new TimeSeries(live(knowing(definition)))
            .points("exp", List.of(), false, Resolution.DAY, Optional.empty(), Optional.empty());
    assertEquals(2, points.size());
    assertEquals(START.plus(Duration.ofDays(1)), points.get(0).endTime());
    // Hour 24 ends at midnight: it closes the first day.
    assertEquals(2_400, points.get(0).results().variations().get(0).units());
    assertEquals(START.plus(Duration.ofDays(2)), points.get(1).endTime());
    assertEquals(3_000, points.get(1).results().variations().get(0).units());
  }

  @Test
  void startAndEndBoundThePoints() {
    hours(30);
    List<TimeSeries.Point> points =
        new TimeSeries(live(knowing(definition)))
            .points(
                "exp",
                List.of(),
                false,
                Resolution.HOUR,
                Optional.of(START.plus(Duration.ofHours(10))),
                Optional.of(START.plus(Duration.ofHours(12))));
    assertEquals(3, points.size());
    assertEquals(1_000, points.get(0).results().variations().get(0).units());
  }

  @Test
  void moreThanTheMostPointsIsRefusedNamingTheStart() {
    hours(TimeSeries.MAX_POINTS + 1);
    clock.set(START.plus(Duration.ofDays(120)));
    ValidationException e =
        assertThrows(
            ValidationException.class,
            () ->
                new TimeSeries(live(knowing(definition)))
                    .points(
                        "exp",
                        List.of(),
                        false,
                        Resolution.HOUR,
                        Optional.empty(),
                        Optional.empty()));
    assertTrue(String.valueOf(e.getMessage()).contains("start_time"), e.getMessage());
  }

  @Test
  void anUnknownExperimentIsNotFoundAndAnUnreadDefinitionIsSaidInTheReasons() {
    assertThrows(
        NotFoundException.class, () -> live(new NoDirectory()).current("ghost", List.of(), false));
    hours(2);
    ExperimentResults fromAggregates = live(new NoDirectory()).current("exp", List.of(), false);
    assertTrue(fromAggregates.reasons().get(0).contains("--assignment-target=none"));
    assertEquals("v1", fromAggregates.variations().get(1).key(), "keys from the exposures");
    ExperimentResults known = live(knowing(definition)).current("exp", List.of(), false);
    assertEquals("treatment", known.variations().get(1).key(), "keys from the definition");
  }

  @Test
  void overriddenUnitsAreAddedOnRequestButNeverCountInTheSampleRatio() {
    hours(1);
    ExperimentAggregate overridden =
        Fixtures.aggregate(
            "exp",
            START.plus(Duration.ofHours(1)),
            new long[] {0, 500},
            List.of(Map.of(), Map.of("checkout", Fixtures.conversions(50, 500))));
    aggregates.put(Cohort.OVERRIDDEN, overridden);
    LiveResults live = live(knowing(definition));
    ExperimentResults without = live.current("exp", List.of(), false);
    ExperimentResults with = live.current("exp", List.of(), true);
    assertEquals(100, without.variations().get(1).units());
    assertEquals(600, with.variations().get(1).units());
    assertEquals(
        without.sampleRatio().orElseThrow().statistic(),
        with.sampleRatio().orElseThrow().statistic(),
        "the sample-ratio check counts assigned units only");
  }
}
