package dev.assay.assignment.evaluation;

import dev.assay.assignment.definitions.Definition;

/**
 * A definition prepared for the hot path.
 *
 * @param <T> the kind of definition
 */
public interface CompiledDefinition<T extends Definition<T>> {
  /** The definition it was compiled from. */
  T definition();
}
