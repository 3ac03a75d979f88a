package dev.assay.analysis.api;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.assay.analysis.metrics.MetricCodec;
import dev.assay.analysis.metrics.MetricDefinition;

/**
 * Stores metrics as their contract message ({@code assay.analysis.v1.MetricDefinition}), so any
 * client can read a dump of the store and fields added later survive older readers.
 */
public final class ProtoMetricCodec implements MetricCodec {
  @Override
  public byte[] encode(MetricDefinition metric) {
    return MetricMapper.toProto(metric).toByteArray();
  }

  @Override
  public MetricDefinition decode(byte[] stored) {
    try {
      return MetricMapper.toDomain(dev.assay.analysis.v1.MetricDefinition.parseFrom(stored));
    } catch (InvalidProtocolBufferException | RuntimeException e) {
      throw new IllegalStateException("not a stored metric definition", e);
    }
  }
}
