package dev.assay.assignment.definitions;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** One rule of a feature flag; the first rule that applies decides the value. */
public sealed interface FlagRule {
  /** Optional identifier reported in results. */
  String id();

  /** Targeting condition as JSON; empty matches everyone. */
  Map<String, Object> condition();

  /** Serve {@code value} to every unit matching the condition. */
  record Force(String id, Map<String, Object> condition, @Nullable Object value)
      implements FlagRule {}

  /** Serve {@code value} to the {@code coverage} share of matching units, by hash. */
  record Rollout(
      String id,
      Map<String, Object> condition,
      @Nullable Object value,
      double coverage,
      String hashAttribute,
      String seed)
      implements FlagRule {}

  /** Serve the value paired with the variation the experiment assigns; fall through if none. */
  record ExperimentValues(
      String id, Map<String, Object> condition, String experimentKey, List<Object> variationValues)
      implements FlagRule {
    public ExperimentValues {
      // Values may be JSON null, which List.copyOf refuses.
      variationValues = Collections.unmodifiableList(new ArrayList<>(variationValues));
    }
  }
}
