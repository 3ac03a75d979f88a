package dev.assay.assignment.support;

import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import dev.assay.assignment.v1.Experiment;
import dev.assay.assignment.v1.ExperimentStatus;
import dev.assay.assignment.v1.Variation;

/** Contract messages for tests. */
public final class Protos {
  private Protos() {}

  /** A running experiment with variations of the given weights (keys control, v1, v2, ...). */
  public static Experiment.Builder running(String key, double... weights) {
    Experiment.Builder e =
        Experiment.newBuilder().setKey(key).setStatus(ExperimentStatus.EXPERIMENT_STATUS_RUNNING);
    for (int i = 0; i < weights.length; i++) {
      e.addVariations(
          Variation.newBuilder().setKey(i == 0 ? "control" : "v" + i).setWeight(weights[i]));
    }
    return e;
  }

  public static Value string(String s) {
    return Value.newBuilder().setStringValue(s).build();
  }

  public static Value bool(boolean b) {
    return Value.newBuilder().setBoolValue(b).build();
  }

  public static Struct attributes(String... keyValues) {
    Struct.Builder s = Struct.newBuilder();
    for (int i = 0; i < keyValues.length; i += 2) {
      s.putFields(keyValues[i], string(keyValues[i + 1]));
    }
    return s.build();
  }
}
