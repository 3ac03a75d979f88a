package dev.assay.bandit.definition;

import dev.assay.bandit.store.BanditStore;
import dev.assay.runtime.errors.AbortedException;
import dev.assay.runtime.errors.FailedPreconditionException;
import dev.assay.runtime.errors.NotFoundException;
import dev.assay.runtime.errors.ValidationException;
import dev.assay.runtime.errors.Violations;
import dev.assay.runtime.log.EventLog;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Creates, changes, lists, archives and resets bandits. After each write the {@code onChange}
 * callback refreshes this replica's snapshot so its own next selection sees the change at once;
 * other replicas see it within one refresh interval.
 */
public final class BanditCatalog {
  private final BanditStore store;
  private final Consumer<String> onChange;

  /** A catalog over {@code store}, calling {@code onChange} with the key after each write. */
  public BanditCatalog(BanditStore store, Consumer<String> onChange) {
    this.store = store;
    this.onChange = onChange;
  }

  /** Validates and stores a new bandit (version 1, active). */
  public BanditDefinition create(BanditDefinition requested) {
    Violations v = new Violations();
    DefinitionRules.check(v, "bandit.", requested);
    v.throwIfAny();
    BanditDefinition stored = store.create(requested);
    EventLog.info(
        "bandit.created",
        "bandit",
        stored.key(),
        "policy",
        stored.policy().kindName(),
        "arms",
        stored.arms().size());
    onChange.accept(stored.key());
    return stored;
  }

  /** The bandit, or {@code NotFoundException}. */
  public BanditDefinition get(String key) {
    return store
        .find(key)
        .orElseThrow(() -> new NotFoundException("bandit '" + key + "' not found"));
  }

  /** A page of bandits after {@code afterKey}, ordered by key. */
  public List<BanditDefinition> list(String afterKey, int pageSize) {
    return store.list(afterKey, pageSize);
  }

  /**
   * Applies {@code update}; arms may be added or retired but never removed, and the policy kind is
   * fixed. {@code expectedVersion} 0 means "whatever is stored now".
   */
  public BanditDefinition update(String key, BanditUpdate update, long expectedVersion) {
    BanditDefinition current = get(key);
    if (expectedVersion != 0 && expectedVersion != current.version()) {
      throw new AbortedException(
          "bandit '" + key + "' is at version " + current.version() + ", not " + expectedVersion);
    }
    Violations v = new Violations();
    update
        .arms()
        .ifPresent(
            arms -> {
              Set<String> next = arms.stream().map(ArmDefinition::id).collect(Collectors.toSet());
              for (ArmDefinition old : current.arms()) {
                v.check(
                    !next.contains(old.id()),
                    "bandit.arms",
                    "arm '" + old.id() + "' cannot be removed; set retired = true instead");
              }
            });
    update
        .policy()
        .ifPresent(
            p -> {
              if (!p.kindName().equals(current.policy().kindName())) {
                throw new FailedPreconditionException(
                    "the policy kind of bandit '"
                        + key
                        + "' is "
                        + current.policy().kindName()
                        + " and cannot change; create a new bandit");
              }
              if (p.contextDimension() != current.policy().contextDimension()) {
                v.add("bandit.policy.lin_ucb.dimension", "cannot change once created");
              }
            });
    BanditDefinition next =
        new BanditDefinition(
            key,
            update.description().orElse(current.description()),
            update.arms().orElse(current.arms()),
            update.policy().orElse(current.policy()),
            update.decisionTtl().orElse(current.decisionTtl()),
            update.discountHalfLife().orElse(current.discountHalfLife()),
            update.stickyDuration().orElse(current.stickyDuration()),
            current.archived(),
            current.version());
    DefinitionRules.check(v, "bandit.", next);
    v.throwIfAny();
    BanditDefinition stored = store.update(next, current.version());
    EventLog.info("bandit.updated", "bandit", key, "version", stored.version());
    onChange.accept(key);
    return stored;
  }

  /** Archives the bandit (idempotent). */
  public BanditDefinition archive(String key) {
    BanditDefinition current = get(key);
    if (current.archived()) {
      return current;
    }
    BanditDefinition stored = store.update(current.asArchived(), current.version());
    EventLog.info("bandit.archived", "bandit", key);
    onChange.accept(key);
    return stored;
  }

  /** Forgets all rewards of the bandit. */
  public BanditDefinition reset(String key) {
    BanditDefinition current = get(key);
    store.reset(key);
    EventLog.info("bandit.reset", "bandit", key);
    onChange.accept(key);
    return current;
  }

  /** Rejects a key that cannot name a bandit. */
  public static void checkKey(String field, String key) {
    Violations v = new Violations();
    DefinitionRules.checkKey(v, field, key);
    if (!v.isEmpty()) {
      throw ValidationException.of(field, "must be 1-128 characters from [A-Za-z0-9_.-]");
    }
  }
}
