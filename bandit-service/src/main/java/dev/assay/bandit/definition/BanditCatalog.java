package dev.assay.bandit.definition;

import dev.assay.bandit.store.BanditStore;
import dev.assay.runtime.errors.AbortedException;
import dev.assay.runtime.errors.NotFoundException;
import dev.assay.runtime.errors.ValidationException;
import dev.assay.runtime.errors.Violations;
import dev.assay.runtime.log.EventLog;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Creates, changes, lists, archives and resets bandits, checking each request against {@link
 * DefinitionRules} first. After each write the {@code onChange} callback refreshes this replica's
 * snapshot so its own next selection sees the change at once; other replicas see it within one
 * refresh interval.
 */
public final class BanditCatalog {
  /** Most bandits one filtered list call examines. */
  static final int MAX_SCANNED_PER_PAGE = 10_000;

  /** Bandits read per store call while a filter skips bandits. */
  private static final int SCAN_CHUNK = 200;

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
    return list(afterKey, pageSize, key -> true);
  }

  /**
   * A page of the bandits whose key is {@code visible}, after {@code afterKey} (empty = from the
   * first), ordered by key; {@code pageSize} 0 means the default. One call examines at most {@link
   * #MAX_SCANNED_PER_PAGE} bandits, so a caller who may see few of many gets a short (even empty)
   * page that resumes after the last bandit examined, never a call that reads the whole store.
   */
  public BanditPage list(String afterKey, int pageSize, Predicate<String> visible) {
    int size = DefinitionRules.pageSize(pageSize);
    List<BanditDefinition> page = new ArrayList<>();
    String after = afterKey;
    int scanned = 0;
    // The first read is exactly what an unfiltered page needs (one more than the page, to learn
    // whether more follow); later reads, needed only when the filter skipped some, read larger.
    int chunk = size + 1;
    while (true) {
      List<BanditDefinition> read = store.list(after, chunk);
      for (BanditDefinition d : read) {
        if (visible.test(d.key())) {
          if (page.size() == size) {
            return new BanditPage(page, page.get(size - 1).key());
          }
          page.add(d);
        }
        after = d.key();
        scanned++;
        if (scanned >= MAX_SCANNED_PER_PAGE) {
          return new BanditPage(page, after);
        }
      }
      if (read.size() < chunk) {
        return new BanditPage(page, "");
      }
      chunk = Math.max(size + 1, SCAN_CHUNK);
    }
  }

  /**
   * Applies {@code update} (see {@link DefinitionRules#checkUpdate}). {@code expectedVersion} 0
   * means "whatever is stored now". Returns the definition it started from and the one stored.
   */
  public BanditChange update(String key, BanditUpdate update, long expectedVersion) {
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
    return new BanditChange(current, stored);
  }

  /**
   * Archives the bandit (idempotent: archiving an archived bandit changes and stores nothing, and
   * the change returned has the same definition before and after).
   */
  public BanditChange archive(String key) {
    BanditDefinition current = get(key);
    if (current.archived()) {
      return new BanditChange(current, current);
    }
    BanditDefinition stored = store.update(current.asArchived(), current.version());
    EventLog.info("bandit.archived", "bandit", key);
    onChange.accept(key);
    return new BanditChange(current, stored);
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
