package dev.assay.assignment.store;

import dev.assay.assignment.definitions.Experiment;
import dev.assay.assignment.definitions.FeatureFlag;
import dev.assay.assignment.overrides.UnitOverride;

/** How definitions and overrides are written as bytes in Redis (protobuf, from the api package). */
public interface StoreCodec {
  byte[] encodeExperiment(Experiment experiment);

  Experiment decodeExperiment(byte[] bytes);

  byte[] encodeFlag(FeatureFlag flag);

  FeatureFlag decodeFlag(byte[] bytes);

  byte[] encodeOverride(UnitOverride override);

  UnitOverride decodeOverride(byte[] bytes);
}
