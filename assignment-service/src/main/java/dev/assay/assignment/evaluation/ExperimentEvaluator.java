package dev.assay.assignment.evaluation;

import dev.assay.assignment.definitions.Experiment;
import dev.assay.assignment.definitions.NamespaceSlice;
import dev.assay.assignment.definitions.Variation;
import dev.assay.assignment.hashing.GrowthBookHash;
import dev.assay.assignment.hashing.Namespaces;
import dev.assay.assignment.overrides.UnitOverride;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Assigns one unit in one experiment by the GrowthBook SDK's experiment algorithm
 * (docs/assignment-algorithm.md), with Assay's overrides and lifecycle on top.
 */
final class ExperimentEvaluator {
  private ExperimentEvaluator() {}

  static Assignment assign(
      CompiledExperiment compiled,
      String unitId,
      Map<String, Object> attributes,
      OverrideLookup overrides,
      long nowMillis) {
    Experiment e = compiled.definition();
    UnitOverride override = overrides.forExperiment(e.key(), unitId);
    if (override != null && override.isActiveAt(nowMillis)) {
      int index = indexOf(e.variations(), override.variationKey());
      if (index >= 0) {
        return chosen(e, index, Reason.OVERRIDE, -1, null);
      }
    }
    boolean rolledOut =
        e.status() == dev.assay.assignment.definitions.ExperimentStatus.STOPPED
            && e.rolledOutVariation() >= 0;
    if (!rolledOut && e.status() != dev.assay.assignment.definitions.ExperimentStatus.RUNNING) {
      return Assignment.none(e.key(), Reason.NOT_RUNNING, -1, null);
    }
    String hashValue =
        HashValues.of(e.hashAttribute().isEmpty() ? unitId : attributes.get(e.hashAttribute()));
    if (hashValue == null) {
      return Assignment.none(e.key(), Reason.MISSING_HASH_ATTRIBUTE, -1, null);
    }
    if (rolledOut) {
      return compiled.condition().matches(attributes)
          ? chosen(e, e.rolledOutVariation(), Reason.ROLLED_OUT, -1, hashValue)
          : Assignment.none(e.key(), Reason.NOT_TARGETED, -1, hashValue);
    }
    NamespaceSlice namespace = e.namespace();
    if (namespace != null
        && !Namespaces.contains(hashValue, namespace.id(), namespace.start(), namespace.end())) {
      return Assignment.none(e.key(), Reason.OTHER_NAMESPACE, -1, hashValue);
    }
    if (!compiled.condition().matches(attributes)) {
      return Assignment.none(e.key(), Reason.NOT_TARGETED, -1, hashValue);
    }
    double bucket = GrowthBookHash.hash(e.effectiveSeed(), hashValue, e.hashVersion());
    int index = compiled.layoutAt(nowMillis).choose(bucket);
    if (index < 0) {
      return Assignment.none(e.key(), Reason.OUTSIDE_COVERAGE, bucket, hashValue);
    }
    return chosen(e, index, Reason.BUCKET, bucket, hashValue);
  }

  private static Assignment chosen(
      Experiment e, int index, Reason reason, double bucket, @Nullable String hashValue) {
    Variation v = e.variations().get(index);
    return new Assignment(e.key(), index, v.key(), v.payload(), reason, bucket, hashValue);
  }

  private static int indexOf(List<Variation> variations, @Nullable String key) {
    for (int i = 0; i < variations.size(); i++) {
      if (variations.get(i).key().equals(key)) {
        return i;
      }
    }
    return -1;
  }
}
