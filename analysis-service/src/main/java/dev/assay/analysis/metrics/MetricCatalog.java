package dev.assay.analysis.metrics;

import java.util.List;
import java.util.Optional;

/** Read access to the metric definitions, answered from memory. */
public interface MetricCatalog {
  /** The metric with this key, if one exists. */
  Optional<MetricDefinition> find(String key);

  /**
   * Every metric that reads outcome events sent under {@code metricKey}: that metric itself (unless
   * it is a RATIO, which reads no events of its own) and every RATIO metric whose numerator or
   * denominator it is. Empty when no metric has this key.
   */
  List<MetricDefinition> readersOf(String metricKey);

  /**
   * Whether some metric has a CUPED lookback; when none has, exposures need not read any unit's
   * pre-exposure history. True unless the catalog knows better.
   */
  default boolean hasCupedLookback() {
    return true;
  }
}
