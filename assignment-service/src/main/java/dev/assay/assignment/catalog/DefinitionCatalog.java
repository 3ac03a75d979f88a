package dev.assay.assignment.catalog;

import dev.assay.assignment.definitions.Definition;
import dev.assay.assignment.definitions.Limits;
import dev.assay.assignment.evaluation.CompiledDefinition;
import dev.assay.assignment.evaluation.Definitions;
import dev.assay.assignment.replica.ReplicaState;
import dev.assay.assignment.store.DefinitionStore;
import dev.assay.runtime.errors.AbortedException;
import dev.assay.runtime.errors.FailedPreconditionException;
import dev.assay.runtime.errors.NotFoundException;
import dev.assay.runtime.log.EventLog;
import dev.assay.runtime.resources.Page;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * The versioned writes experiments and flags share. Writes go to the store first, as one atomic,
 * version-checked step (so a rejected or failed write changes nothing), and are then applied to
 * this replica at once; other replicas follow through the store's announcements. Reads come from
 * this replica's state, so they keep working while the store is unreachable.
 *
 * @param <T> the kind of definition
 */
public abstract class DefinitionCatalog<T extends Definition<T>> {
  private final String noun;
  private final DefinitionStore<T> stored;
  private final Consumer<T> applyLocally;
  private final Function<Definitions, Map<String, ? extends CompiledDefinition<T>>> held;
  final ReplicaState state;
  final Clock clock;

  /**
   * A catalog of the definitions {@code stored} holds, called {@code noun} in messages and logs;
   * writes are applied to this replica with {@code applyLocally}, reads come from {@code held} in
   * the replica's current snapshot.
   */
  DefinitionCatalog(
      String noun,
      DefinitionStore<T> stored,
      Consumer<T> applyLocally,
      Function<Definitions, Map<String, ? extends CompiledDefinition<T>>> held,
      ReplicaState state,
      Clock clock) {
    this.noun = noun;
    this.stored = stored;
    this.applyLocally = applyLocally;
    this.held = held;
    this.state = state;
    this.clock = clock;
  }

  /** {@code draft} with its defaults filled in, validated as a new definition. */
  abstract T prepareNew(T draft);

  /** {@code edited} with its defaults filled in, validated as the next version of current. */
  abstract T prepareEdit(T current, T edited);

  /** What the log says about a written definition besides its key and version. */
  abstract Object[] logDetails(T definition);

  /** Validates and stores a new definition at version 1. */
  public T create(T draft) {
    T definition = prepareNew(draft).withBookkeeping(1, false, clock.instant());
    stored.create(definition);
    written("created", definition);
    return definition;
  }

  /**
   * Applies {@code edit} to the stored definition and stores the result as the next version. When
   * {@code expectedVersion} is not 0 the stored version must equal it ({@code ABORTED} otherwise);
   * an archived definition cannot change ({@code FAILED_PRECONDITION}).
   *
   * @return the stored definition the edit started from, and the new version
   */
  public Revision<T> update(String key, UnaryOperator<T> edit, long expectedVersion) {
    T current = stored(key, noun + ".key");
    if (expectedVersion != 0 && current.version() != expectedVersion) {
      throw new AbortedException(
          noun
              + " "
              + key
              + " is at version "
              + current.version()
              + ", not the expected "
              + expectedVersion
              + "; read it again and retry");
    }
    if (current.archived()) {
      throw new FailedPreconditionException(noun + " " + key + " is archived and cannot change");
    }
    T next =
        prepareEdit(current, edit.apply(current))
            .withBookkeeping(current.version() + 1, false, clock.instant());
    stored.replace(next, current.version());
    written("updated", next);
    return new Revision<>(current, next);
  }

  /**
   * Marks a definition archived: kept, never evaluated again. Archiving twice changes nothing: the
   * revision's before and after are then the same version.
   */
  public Revision<T> archive(String key) {
    T current = stored(key, "key");
    if (current.archived()) {
      return new Revision<>(current, current);
    }
    T next = current.withBookkeeping(current.version() + 1, true, clock.instant());
    stored.replace(next, current.version());
    written("archived", next);
    return new Revision<>(current, next);
  }

  /** The definition as this replica holds it, archived or not, if it holds one. */
  public Optional<T> find(String key) {
    return Optional.ofNullable(held.apply(state.get()).get(key))
        .map(CompiledDefinition::definition);
  }

  /** The definition as this replica holds it (works while the store is unreachable). */
  public T get(String key) {
    Limits.requireKey(key, "key");
    return find(key).orElseThrow(() -> notFound(key));
  }

  /** A page of definitions in key order, from this replica's state. */
  public Page<T> list(int pageSize, String pageToken, boolean showArchived) {
    return list(pageSize, pageToken, showArchived, key -> true);
  }

  /**
   * A page of the definitions whose key {@code visible} accepts, in key order: filtered before
   * paging, so pages stay full and page tokens stay valid for a caller who sees only some keys.
   */
  public Page<T> list(
      int pageSize, String pageToken, boolean showArchived, Predicate<String> visible) {
    List<T> all = new ArrayList<>();
    for (CompiledDefinition<T> compiled : held.apply(state.get()).values()) {
      T definition = compiled.definition();
      if ((showArchived || !definition.archived()) && visible.test(definition.key())) {
        all.add(definition);
      }
    }
    all.sort(Comparator.comparing(Definition::key));
    return Page.of(all, Definition::key, pageSize, pageToken);
  }

  /** The stored definition, read from the store itself: the base of every write. */
  T stored(String key, String field) {
    Limits.requireKey(key, field);
    return stored.find(key).orElseThrow(() -> notFound(key));
  }

  private void written(String event, T definition) {
    applyLocally.accept(definition);
    Object[] fields =
        Stream.concat(
                Stream.of("key", definition.key(), "version", definition.version()),
                Arrays.stream(logDetails(definition)))
            .toArray();
    EventLog.info(noun + "." + event, fields);
  }

  private NotFoundException notFound(String key) {
    return new NotFoundException(noun + " " + key + " not found");
  }
}
