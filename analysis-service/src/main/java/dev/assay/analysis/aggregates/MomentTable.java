package dev.assay.analysis.aggregates;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One experiment's counters, in memory: units per (cohort, variation) and per weight epoch, and
 * each metric's sufficient statistics per (cohort, variation). Holds either everything (the current
 * figures) or one hour's changes (summed into cumulative snapshots). Both stores read through it:
 * the in-memory store keeps tables, the Redis store decodes its hashes into one (see {@link
 * #addField}). Not thread-safe.
 */
final class MomentTable {
  /** Field names in Redis hashes: see {@link #addField}. */
  static final char SEPARATOR = '|';

  private record Slot(Cohort cohort, int variation) {}

  private record StatKey(Cohort cohort, int variation, String metric) {}

  private record EpochKey(Cohort cohort, String weights) {}

  private final Map<Slot, Long> units = new HashMap<>();
  private final Map<Integer, String> variationKeys = new HashMap<>();
  private final Map<Cohort, Long> firstExposureMillis = new EnumMap<>(Cohort.class);
  private final Map<EpochKey, Map<Integer, Long>> epochs = new HashMap<>();
  private final Map<StatKey, double[]> stats = new HashMap<>();
  private final Set<String> meanMetrics = new HashSet<>();

  /** Counts a unit's first exposure. */
  void addUnit(Cohort cohort, int variation, String variationKey, long timeMillis, String weights) {
    units.merge(new Slot(cohort, variation), 1L, Long::sum);
    variationKeys.put(variation, variationKey);
    firstExposureMillis.merge(cohort, timeMillis, Math::min);
    if (!weights.isEmpty()) {
      epochs
          .computeIfAbsent(new EpochKey(cohort, weights), k -> new HashMap<>())
          .merge(variation, 1L, Long::sum);
    }
  }

  /** Adds a change of one metric's statistics (nine numbers, in MetricMoments' order). */
  void addMoments(Cohort cohort, int variation, String metric, boolean isMean, double[] delta) {
    double[] sums =
        stats.computeIfAbsent(new StatKey(cohort, variation, metric), k -> new double[9]);
    for (int i = 0; i < sums.length; i++) {
      sums[i] += delta[i];
    }
    if (isMean) {
      meanMetrics.add(metric);
    }
  }

  /** Adds everything {@code other} holds (a later hour's changes, say). */
  void addAll(MomentTable other) {
    other.units.forEach((k, v) -> units.merge(k, v, Long::sum));
    variationKeys.putAll(other.variationKeys);
    other.firstExposureMillis.forEach((k, v) -> firstExposureMillis.merge(k, v, Math::min));
    other.epochs.forEach(
        (k, v) -> {
          Map<Integer, Long> mine = epochs.computeIfAbsent(k, x -> new HashMap<>());
          v.forEach((variation, n) -> mine.merge(variation, n, Long::sum));
        });
    other.stats.forEach(
        (k, v) -> {
          double[] sums = stats.computeIfAbsent(k, x -> new double[9]);
          for (int i = 0; i < sums.length; i++) {
            sums[i] += v[i];
          }
        });
    meanMetrics.addAll(other.meanMetrics);
  }

  /** Whether anything of {@code cohort} changed in this table. */
  boolean touches(Cohort cohort) {
    return units.keySet().stream().anyMatch(s -> s.cohort() == cohort)
        || stats.keySet().stream().anyMatch(s -> s.cohort() == cohort);
  }

  /**
   * Adds one field of a Redis hash the Lua scripts write: {@code u|c|v} units, {@code k|v}
   * variation key, {@code f|c} first exposure (epoch millis, the minimum wins), {@code e|c|v|w}
   * units of weight epoch w, {@code s|c|v|metric|i} statistic i, {@code mean|metric} a MEAN metric
   * (c is {@code a} for ASSIGNED, {@code o} for OVERRIDDEN). Unknown fields are ignored.
   */
  void addField(String field, String value) {
    String[] parts = field.split("\\|", 5);
    switch (parts[0]) {
      case "u" -> units.merge(new Slot(cohort(parts[1]), index(parts[2])), count(value), Long::sum);
      case "k" -> variationKeys.put(index(parts[1]), value);
      case "f" -> firstExposureMillis.merge(cohort(parts[1]), count(value), Math::min);
      case "e" ->
          epochs
              .computeIfAbsent(new EpochKey(cohort(parts[1]), parts[3]), k -> new HashMap<>())
              .merge(index(parts[2]), count(value), Long::sum);
      case "s" -> {
        double[] sums =
            stats.computeIfAbsent(
                new StatKey(cohort(parts[1]), index(parts[2]), parts[3]), k -> new double[9]);
        sums[Integer.parseInt(parts[4])] += Double.parseDouble(value);
      }
      case "mean" -> meanMetrics.add(parts[1]);
      default -> {
        // Fields of a later version: not ours to interpret.
      }
    }
  }

  /** The cohort's code in field names. */
  static String code(Cohort cohort) {
    return cohort == Cohort.ASSIGNED ? "a" : "o";
  }

  private static Cohort cohort(String code) {
    return code.equals("o") ? Cohort.OVERRIDDEN : Cohort.ASSIGNED;
  }

  private static int index(String text) {
    return Integer.parseInt(text);
  }

  /** Counters are integers; HINCRBYFLOAT may have written them as {@code 3} or {@code 3.0}. */
  private static long count(String text) {
    return (long) Double.parseDouble(text);
  }

  /** The figures of {@code cohort} as of {@code asOf}, or empty if it has no exposed unit. */
  Optional<ExperimentAggregate> toAggregate(String experimentKey, Cohort cohort, Instant asOf) {
    TreeMap<Integer, Long> byVariation = new TreeMap<>();
    units.forEach(
        (slot, n) -> {
          if (slot.cohort() == cohort && n > 0) {
            byVariation.put(slot.variation(), n);
          }
        });
    if (byVariation.isEmpty()) {
      return Optional.empty();
    }
    Map<Integer, Map<String, MetricMoments>> metrics = new HashMap<>();
    stats.forEach(
        (key, s) -> {
          if (key.cohort() != cohort) {
            return;
          }
          long variationUnits = byVariation.getOrDefault(key.variation(), 0L);
          long counted = meanMetrics.contains(key.metric()) ? Math.round(s[0]) : variationUnits;
          metrics
              .computeIfAbsent(key.variation(), k -> new HashMap<>())
              .put(
                  key.metric(),
                  new MetricMoments(counted, s[1], s[2], s[3], s[4], s[5], s[6], s[7], s[8]));
        });
    List<VariationAggregate> variations = new ArrayList<>();
    byVariation.forEach(
        (variation, n) ->
            variations.add(
                new VariationAggregate(
                    variation,
                    variationKeys.getOrDefault(variation, ""),
                    n,
                    metrics.getOrDefault(variation, Map.of()))));
    List<WeightEpoch> weightEpochs = new ArrayList<>();
    for (String weights :
        new TreeSet<>(
            epochs.keySet().stream()
                .filter(k -> k.cohort() == cohort)
                .map(EpochKey::weights)
                .toList())) {
      Map<Integer, Long> counts = epochs.getOrDefault(new EpochKey(cohort, weights), Map.of());
      List<Double> parsed = new ArrayList<>();
      for (String w : weights.split(",", -1)) {
        parsed.add(Double.parseDouble(w));
      }
      List<Long> byIndex = new ArrayList<>();
      for (int i = 0; i < parsed.size(); i++) {
        byIndex.add(counts.getOrDefault(i, 0L));
      }
      weightEpochs.add(new WeightEpoch(parsed, byIndex));
    }
    Long first = firstExposureMillis.get(cohort);
    return Optional.of(
        new ExperimentAggregate(
            experimentKey,
            asOf,
            Optional.ofNullable(first).map(Instant::ofEpochMilli),
            variations,
            weightEpochs));
  }
}
