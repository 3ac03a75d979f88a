package dev.assay.analysis.metrics;

/** The validation table on the embedded in-memory store. */
class InMemoryMetricValidationTest extends MetricValidationContract {
  @Override
  MetricStore newStore() {
    return new InMemoryMetricStore();
  }
}
