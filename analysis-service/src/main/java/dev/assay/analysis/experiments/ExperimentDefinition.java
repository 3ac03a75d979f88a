package dev.assay.analysis.experiments;

import java.util.List;
import java.util.Optional;

/**
 * What results and the monitor need of an experiment defined in the assignment service.
 *
 * @param key the experiment key
 * @param isRunning whether it is assigning units now
 * @param variationKeys variation keys by index (control first)
 * @param plan its analysis plan, if it has one
 * @param version the definition's version, for optimistic concurrency on updates
 */
public record ExperimentDefinition(
    String key,
    boolean isRunning,
    List<String> variationKeys,
    Optional<AnalysisPlan> plan,
    long version) {
  /** Copies the list. */
  public ExperimentDefinition {
    variationKeys = List.copyOf(variationKeys);
  }
}
