package dev.assay.analysis.loop;

import dev.assay.analysis.aggregates.Cohort;
import dev.assay.analysis.exposures.Exposure;
import dev.assay.analysis.metrics.MetricCatalog;
import dev.assay.analysis.metrics.MetricDefinition;
import dev.assay.analysis.metrics.MetricKind;
import dev.assay.analysis.outcomes.OutcomeEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The aggregates recomputed from scratch from the raw history, without the stores' incremental
 * arithmetic: each unit's values are rebuilt from its attributed events, then summed. The reference
 * the property tests compare both stores against.
 */
public final class OfflineAggregates {
  /** What was sent, in order: an exposure batch or an event batch. */
  public sealed interface Sent permits SentExposures, SentEvents {}

  /** A batch of exposures. */
  public record SentExposures(List<Exposure> exposures) implements Sent {}

  /** A batch of events. */
  public record SentEvents(List<OutcomeEvent> events) implements Sent {}

  /** Expected statistics of one metric over one variation: the nine MetricMoments numbers. */
  public static final class Expected {
    private final long units;
    private final double[] sums;

    Expected(long units, double[] sums) {
      this.units = units;
      this.sums = sums;
    }

    /** Units counted. */
    public long units() {
      return units;
    }

    /** The nine numbers (index 0 is the units count as a double). */
    public double[] sums() {
      return sums;
    }
  }

  private OfflineAggregates() {}

  /**
   * Units per variation, and the statistics per (variation, metric) of {@code cohort} in {@code
   * experimentKey}, after everything {@code history} sent.
   */
  public static Map<Integer, Map<String, Expected>> compute(
      List<Sent> history,
      MetricCatalog catalog,
      List<String> metricKeys,
      String experimentKey,
      Cohort cohort,
      Map<Integer, Long> unitsOut) {
    Map<String, Exposure> first = new LinkedHashMap<>();
    Set<String> seenIds = new HashSet<>();
    // unit → attributed events (in order), only those recorded after the unit's exposure
    Map<String, List<OutcomeEvent>> attributed = new HashMap<>();
    // unit → every recorded event: a CUPED covariate reads its pre-period whenever it was recorded
    // (before the exposure through the unit's pre-exposure history, after it by attribution)
    Map<String, List<OutcomeEvent>> recorded = new HashMap<>();
    for (Sent sent : history) {
      if (sent instanceof SentExposures x) {
        for (Exposure e : x.exposures()) {
          if (e.experimentKey().equals(experimentKey)) {
            first.putIfAbsent(e.unitId(), e);
          }
        }
      } else if (sent instanceof SentEvents x) {
        for (OutcomeEvent e : x.events()) {
          if (!seenIds.add(e.eventId())) {
            continue;
          }
          recorded.computeIfAbsent(e.unitId(), u -> new ArrayList<>()).add(e);
          if (first.containsKey(e.unitId())) {
            attributed.computeIfAbsent(e.unitId(), u -> new ArrayList<>()).add(e);
          }
        }
      }
    }
    Map<Integer, Map<String, Expected>> result = new TreeMap<>();
    for (Exposure exposure : first.values()) {
      if (exposure.cohort() != cohort) {
        continue;
      }
      unitsOut.merge(exposure.variationIndex(), 1L, Long::sum);
      List<OutcomeEvent> events = attributed.getOrDefault(exposure.unitId(), List.of());
      for (String key : metricKeys) {
        MetricDefinition metric = catalog.find(key).orElseThrow();
        double[] c =
            unitContribution(
                metric,
                catalog,
                exposure,
                events,
                recorded.getOrDefault(exposure.unitId(), List.of()));
        if (c == null) {
          continue;
        }
        Map<String, Expected> byMetric =
            result.computeIfAbsent(exposure.variationIndex(), v -> new TreeMap<>());
        Expected old = byMetric.getOrDefault(key, new Expected(0, new double[9]));
        double[] sums = old.sums().clone();
        for (int i = 0; i < 9; i++) {
          sums[i] += c[i];
        }
        byMetric.put(key, new Expected(old.units() + (long) c[0], sums));
      }
    }
    return result;
  }

  /** The unit's nine numbers for {@code metric}, or null if the unit does not count (MEAN). */
  private static double[] unitContribution(
      MetricDefinition metric,
      MetricCatalog catalog,
      Exposure exposure,
      List<OutcomeEvent> events,
      List<OutcomeEvent> everyEvent) {
    long t0 = exposure.time().toEpochMilli();
    long window = metric.attributionWindow().map(Duration::toMillis).orElse(-1L);
    if (metric.kind() == MetricKind.RATIO) {
      MetricDefinition num = catalog.find(metric.numeratorMetric().orElseThrow()).orElseThrow();
      MetricDefinition den = catalog.find(metric.denominatorMetric().orElseThrow()).orElseThrow();
      double y = value(num, inWindow(events, num.key(), t0, window));
      double d = value(den, inWindow(events, den.key(), t0, window));
      return new double[] {1, y, y * y, d, d * d, y * d, 0, 0, 0};
    }
    List<Double> values = inWindow(events, metric.key(), t0, window);
    if (metric.kind() == MetricKind.MEAN && values.isEmpty()) {
      return null;
    }
    double y = value(metric, values);
    double x = 0;
    if (metric.cupedLookback().isPresent()) {
      long lookback = metric.cupedLookback().get().toMillis();
      List<Double> pre = new ArrayList<>();
      for (OutcomeEvent e : everyEvent) {
        long t = e.time().toEpochMilli();
        if (e.metricKey().equals(metric.key()) && t < t0 && t0 - t <= lookback) {
          pre.add(e.value());
        }
      }
      x = value(metric, pre);
    }
    return new double[] {1, y, y * y, 0, 0, 0, x, x * x, x * y};
  }

  private static List<Double> inWindow(
      List<OutcomeEvent> events, String metricKey, long t0, long window) {
    List<Double> values = new ArrayList<>();
    for (OutcomeEvent e : events) {
      long t = e.time().toEpochMilli();
      if (e.metricKey().equals(metricKey) && t >= t0 && (window < 0 || t - t0 <= window)) {
        values.add(e.value());
      }
    }
    return values;
  }

  private static double value(MetricDefinition metric, List<Double> values) {
    double sum = 0;
    for (double v : values) {
      sum += v;
    }
    double raw =
        switch (metric.kind()) {
          case CONVERSION -> values.isEmpty() ? 0 : 1;
          case SUM -> sum;
          case COUNT -> values.size();
          case MEAN -> values.isEmpty() ? 0 : sum / values.size();
          case RATIO -> throw new IllegalArgumentException();
        };
    return Math.min(raw, metric.winsorizeCap().orElse(Double.POSITIVE_INFINITY));
  }
}
