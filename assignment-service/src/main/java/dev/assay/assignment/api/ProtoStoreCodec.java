package dev.assay.assignment.api;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.assay.assignment.definitions.Experiment;
import dev.assay.assignment.definitions.FeatureFlag;
import dev.assay.assignment.overrides.UnitOverride;
import dev.assay.assignment.store.StoreCodec;

/**
 * Stores definitions and overrides as their protobuf contract messages, so stored data evolves
 * compatibly with the contracts and any language can read it.
 */
public final class ProtoStoreCodec implements StoreCodec {
  @Override
  public byte[] encodeExperiment(Experiment experiment) {
    return ExperimentMapper.toProto(experiment).toByteArray();
  }

  @Override
  public Experiment decodeExperiment(byte[] bytes) {
    try {
      return ExperimentMapper.toDomain(dev.assay.assignment.v1.Experiment.parseFrom(bytes));
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException("corrupt experiment in store", e);
    }
  }

  @Override
  public byte[] encodeFlag(FeatureFlag flag) {
    return FlagMapper.toProto(flag).toByteArray();
  }

  @Override
  public FeatureFlag decodeFlag(byte[] bytes) {
    try {
      return FlagMapper.toDomain(dev.assay.assignment.v1.FeatureFlag.parseFrom(bytes));
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException("corrupt flag in store", e);
    }
  }

  @Override
  public byte[] encodeOverride(UnitOverride override) {
    return OverrideMapper.toProto(override).toByteArray();
  }

  @Override
  public UnitOverride decodeOverride(byte[] bytes) {
    try {
      return OverrideMapper.toDomain(dev.assay.assignment.v1.Override.parseFrom(bytes), "override");
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException("corrupt override in store", e);
    }
  }
}
