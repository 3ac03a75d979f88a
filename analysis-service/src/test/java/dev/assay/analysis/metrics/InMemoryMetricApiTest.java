package dev.assay.analysis.metrics;

/** The metric RPCs on the embedded in-memory store. */
class InMemoryMetricApiTest extends MetricApiContract {
  @Override
  MetricStore newStore() {
    return new InMemoryMetricStore();
  }
}
