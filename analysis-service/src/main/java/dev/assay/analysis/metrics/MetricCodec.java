package dev.assay.analysis.metrics;

/**
 * How a metric is written into a shared store: bytes another replica (or another version of the
 * service) reads back to the same definition. The gRPC layer supplies the contract's encoding, so
 * this package stays free of generated classes.
 */
public interface MetricCodec {
  /** The stored form of {@code metric}. */
  byte[] encode(MetricDefinition metric);

  /**
   * The metric {@code stored} holds.
   *
   * @throws IllegalStateException if the bytes are not a stored metric
   */
  MetricDefinition decode(byte[] stored);
}
