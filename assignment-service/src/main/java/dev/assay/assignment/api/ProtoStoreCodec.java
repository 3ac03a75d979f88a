package dev.assay.assignment.api;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Parser;
import dev.assay.assignment.definitions.Experiment;
import dev.assay.assignment.definitions.FeatureFlag;
import dev.assay.assignment.overrides.UnitOverride;
import dev.assay.assignment.store.StoreCodec;
import java.util.function.Function;

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
    return decode(
        bytes,
        dev.assay.assignment.v1.Experiment.parser(),
        ExperimentMapper::toDomain,
        "experiment");
  }

  @Override
  public byte[] encodeFlag(FeatureFlag flag) {
    return FlagMapper.toProto(flag).toByteArray();
  }

  @Override
  public FeatureFlag decodeFlag(byte[] bytes) {
    return decode(
        bytes, dev.assay.assignment.v1.FeatureFlag.parser(), FlagMapper::toDomain, "flag");
  }

  @Override
  public byte[] encodeOverride(UnitOverride override) {
    return OverrideMapper.toProto(override).toByteArray();
  }

  @Override
  public UnitOverride decodeOverride(byte[] bytes) {
    return decode(
        bytes,
        dev.assay.assignment.v1.Override.parser(),
        p -> OverrideMapper.toDomain(p, "override"),
        "override");
  }

  /** Bytes the store wrote; anything unreadable is a bug or corruption, not a caller's error. */
  private static <P, T> T decode(
      byte[] bytes, Parser<P> parser, Function<P, T> toDomain, String what) {
    try {
      return toDomain.apply(parser.parseFrom(bytes));
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException("corrupt " + what + " in store", e);
    }
  }
}
