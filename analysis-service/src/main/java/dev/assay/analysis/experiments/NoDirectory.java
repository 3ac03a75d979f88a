package dev.assay.analysis.experiments;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The directory when {@code --assignment-target=none}: no definitions, nothing to monitor; results
 * come from the aggregates alone.
 */
public final class NoDirectory implements ExperimentDirectory {
  @Override
  public DefinitionLookup lookup(String experimentKey) {
    return new DefinitionLookup(
        Optional.empty(),
        Optional.of(
            "experiment definitions are not read (--assignment-target=none): variation keys come"
                + " from exposures and there is no analysis plan"));
  }

  @Override
  public List<ExperimentDefinition> listRunning() {
    return List.of();
  }

  @Override
  public void stop(
      String experimentKey, long expectedVersion, OptionalInt rolledOutVariation, String reason) {
    throw new StopFailedException(
        "experiment definitions are not reachable (--assignment-target=none)", null);
  }
}
