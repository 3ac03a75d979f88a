package dev.assay.analysis.outcomes;

import dev.assay.analysis.metrics.MetricCatalog;
import dev.assay.analysis.metrics.MetricDefinition;
import dev.assay.analysis.metrics.MetricKind;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * For one batch of events: which metrics read the events of each metric key in it, resolved from
 * the catalog once per batch (so a definition changing mid-batch cannot split it).
 */
public final class AttributionRules {
  private final Map<String, List<Reading>> byEventMetric;
  private final Map<String, MetricRule> rules;

  private AttributionRules(
      Map<String, List<Reading>> byEventMetric, Map<String, MetricRule> rules) {
    this.byEventMetric = byEventMetric;
    this.rules = rules;
  }

  /**
   * The readings of {@code eventMetrics}. A RATIO whose other input no longer exists is left out
   * (it cannot have a value).
   */
  public static AttributionRules resolve(MetricCatalog catalog, Set<String> eventMetrics) {
    Map<String, List<Reading>> byEventMetric = new LinkedHashMap<>();
    Map<String, MetricRule> rules = new LinkedHashMap<>();
    for (String eventMetric : eventMetrics) {
      List<Reading> readings = new ArrayList<>();
      for (MetricDefinition reader : catalog.readersOf(eventMetric)) {
        if (reader.kind() != MetricKind.RATIO) {
          if (reader.key().equals(eventMetric)) {
            readings.add(
                new Reading(
                    rules.computeIfAbsent(reader.key(), k -> MetricRule.of(reader)),
                    Reading.Part.SELF));
          }
          continue;
        }
        Optional<MetricDefinition> numerator = reader.numeratorMetric().flatMap(catalog::find);
        Optional<MetricDefinition> denominator = reader.denominatorMetric().flatMap(catalog::find);
        if (numerator.isEmpty() || denominator.isEmpty()) {
          continue;
        }
        MetricRule rule =
            rules.computeIfAbsent(
                reader.key(), k -> MetricRule.ofRatio(reader, numerator.get(), denominator.get()));
        // A metric may be both numerator and denominator of one ratio: it then feeds both.
        if (numerator.get().key().equals(eventMetric)) {
          readings.add(new Reading(rule, Reading.Part.NUMERATOR));
        }
        if (denominator.get().key().equals(eventMetric)) {
          readings.add(new Reading(rule, Reading.Part.DENOMINATOR));
        }
      }
      byEventMetric.put(eventMetric, List.copyOf(readings));
    }
    return new AttributionRules(byEventMetric, rules);
  }

  /** The metrics reading events of {@code eventMetric}. */
  public List<Reading> readingsOf(String eventMetric) {
    return byEventMetric.getOrDefault(eventMetric, List.of());
  }

  /**
   * The CUPED lookback of the metric that reads events of {@code eventMetric} as its own covariate,
   * or -1 if none does. Only such events are worth keeping in a unit's pre-exposure history: a
   * RATIO has no covariate, so only the metric itself can read them that way.
   */
  public long lookbackMillisOf(String eventMetric) {
    long longest = -1;
    for (Reading reading : readingsOf(eventMetric)) {
      if (reading.part() == Reading.Part.SELF) {
        longest = Math.max(longest, reading.rule().lookbackMillis());
      }
    }
    return longest;
  }

  /** Every metric reading some event of the batch. */
  public Collection<MetricRule> rules() {
    return rules.values();
  }
}
