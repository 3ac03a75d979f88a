package dev.assay.bandit.definition;

import dev.assay.bandit.store.BanditStore;
import dev.assay.runtime.errors.AbortedException;
import dev.assay.runtime.errors.NotFoundException;
import dev.assay.runtime.errors.ValidationException;
import dev.assay.runtime.errors.Violations;
import dev.assay.runtime.log.EventLog;
import java.util.List;
import java.util.function.Consumer;

/**
 * Creates, changes, lists, archives and resets bandits, checking each request against {@link
 * DefinitionRules} first. After each write the {@code onChange} callback refreshes this replica's
 * snapshot so its own next selection sees the change at once; other replicas see it within one
 * refresh interval.
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
    DefinitionRules.requireKey("key", key);
    return current(key);
  }

  /**
   * A page of bandits after {@code afterKey} (empty = from the first), ordered by key; {@code
   * pageSize} 0 means the default.
   */
  public BanditPage list(String afterKey, int pageSize) {
    int size = DefinitionRules.pageSize(pageSize);
    List<BanditDefinition> page = store.list(afterKey, size + 1);
    return new BanditPage(page.subList(0, Math.min(size, page.size())), page.size() > size);
  }

  /**
   * Applies {@code update} (see {@link DefinitionRules#checkUpdate}). {@code expectedVersion} 0
   * means "whatever is stored now".
   */
  public BanditDefinition update(String key, BanditUpdate update, long expectedVersion) {
    DefinitionRules.requireKey("bandit.key", key);
    if (update.isEmpty()) {
      throw ValidationException.of("update_mask", "name at least one field to change");
    }
    BanditDefinition current = current(key);
    if (expectedVersion != 0 && expectedVersion != current.version()) {
      throw new AbortedException(
          "bandit '" + key + "' is at version " + current.version() + ", not " + expectedVersion);
    }
    BanditDefinition next = update.applyTo(current);
    Violations v = new Violations();
    DefinitionRules.checkUpdate(v, current, update);
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

  private BanditDefinition current(String key) {
    return store
        .find(key)
        .orElseThrow(() -> new NotFoundException("bandit '" + key + "' not found"));
  }
}
