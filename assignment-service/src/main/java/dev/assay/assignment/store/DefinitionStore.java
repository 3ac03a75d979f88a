package dev.assay.assignment.store;

import dev.assay.assignment.definitions.Definition;
import java.util.List;
import java.util.Optional;

/**
 * Where one kind of definition (experiments or flags) is stored. Every write is atomic and
 * announced to every subscribed replica; writes throw {@code UnavailableException} when the store
 * cannot be reached, having changed nothing.
 *
 * @param <T> the kind of definition
 */
public interface DefinitionStore<T extends Definition<T>> {
  /** Stores a new definition; {@code AlreadyExistsException} if the key exists. */
  void create(T definition);

  /**
   * Replaces a definition if its stored version is {@code expectedVersion}; {@code
   * AbortedException} otherwise (a concurrent edit), {@code NotFoundException} if absent.
   */
  void replace(T definition, long expectedVersion);

  /** The stored definition. */
  Optional<T> find(String key);

  /** Every stored definition of this kind. */
  List<T> loadAll();
}
