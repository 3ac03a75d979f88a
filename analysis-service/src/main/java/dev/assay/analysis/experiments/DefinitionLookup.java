package dev.assay.analysis.experiments;

import java.util.Optional;

/**
 * The answer of an experiment lookup: the definition if known, and a note when it is stale or
 * missing because the assignment service could not be asked.
 *
 * @param definition the definition, fresh or cached; empty when absent or unknown
 * @param note why the definition is stale or missing, for the results' reasons
 */
public record DefinitionLookup(Optional<ExperimentDefinition> definition, Optional<String> note) {
  /** A fresh answer. */
  public static DefinitionLookup of(Optional<ExperimentDefinition> definition) {
    return new DefinitionLookup(definition, Optional.empty());
  }
}
