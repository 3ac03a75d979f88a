package dev.assay.analysis.metrics;

import java.util.Optional;

/** Read access to the metric definitions, answered from memory. */
public interface MetricCatalog {
  /** The metric with this key, if one exists. */
  Optional<MetricDefinition> find(String key);
}
