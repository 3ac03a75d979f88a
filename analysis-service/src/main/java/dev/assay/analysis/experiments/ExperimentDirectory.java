package dev.assay.analysis.experiments;

import java.util.List;
import java.util.OptionalInt;

/**
 * The experiments of the assignment service as the analysis service sees them: read for results,
 * listed and stopped by the monitor. Implementations talk to the assignment service's public {@code
 * DefinitionService} only.
 */
public interface ExperimentDirectory {
  /** The experiment's definition; never fails (a stale or missing answer carries a note). */
  DefinitionLookup lookup(String experimentKey);

  /**
   * Every running experiment.
   *
   * @throws dev.assay.runtime.errors.UnavailableException when the assignment service cannot be
   *     reached
   */
  List<ExperimentDefinition> listRunning();

  /**
   * Stops the experiment if its version is still {@code expectedVersion}, rolling out {@code
   * rolledOutVariation} when present (nobody otherwise), recording {@code reason} in the assignment
   * service's audit trail.
   *
   * @throws StopFailedException when the assignment service refused or could not be reached
   */
  void stop(
      String experimentKey, long expectedVersion, OptionalInt rolledOutVariation, String reason);
}
