package dev.assay.bandit.store;

import dev.assay.bandit.definition.BanditDefinition;
import dev.assay.runtime.redis.StoreMonitor;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Where bandit definitions, arm statistics, reward markers and the decision log live: Redis shared
 * by every replica, or memory for a single embedded instance. Implementations are thread-safe; a
 * store that cannot reach its backend throws {@link dev.assay.runtime.errors.UnavailableException}
 * and changes nothing it did not report.
 */
public interface BanditStore extends AutoCloseable {
  /**
   * Stores a new bandit at version 1. Throws {@code AlreadyExistsException} if the key is taken.
   */
  BanditDefinition create(BanditDefinition definition);

  /**
   * Replaces a definition if its stored version equals {@code expectedVersion}; the stored copy
   * gets {@code expectedVersion + 1}. Throws {@code NotFoundException} or {@code AbortedException}.
   */
  BanditDefinition update(BanditDefinition definition, long expectedVersion);

  /** The definition, if the bandit exists. */
  Optional<BanditDefinition> find(String key);

  /**
   * Up to {@code limit} definitions with keys after {@code afterKey} (empty = from the start), by
   * key.
   */
  List<BanditDefinition> list(String afterKey, int limit);

  /**
   * One bandit with its statistics; throws {@link UnreadableBanditException} if its stored form
   * cannot be read.
   */
  Optional<StoredBandit> load(String key);

  /** Every bandit with its statistics. */
  default List<StoredBandit> loadAll() {
    return loadAll(Map.of());
  }

  /**
   * Every bandit with its statistics (the snapshot refresh reads this). A bandit whose definition
   * version and statistics revision equal those of its copy in {@code known} is returned as that
   * copy, without reading its statistics again.
   */
  List<StoredBandit> loadAll(Map<String, StoredBandit> known);

  /**
   * As {@link #loadAll(Map)}, except that a bandit whose stored form cannot be read (see {@link
   * UnreadableBandit}) is left out and reported to {@code onUnreadable} instead of failing the
   * whole load, so one corrupt bandit never hides the others. The default suits stores that cannot
   * hold unreadable data.
   */
  default List<StoredBandit> loadAll(
      Map<String, StoredBandit> known, Consumer<UnreadableBandit> onUnreadable) {
    return loadAll(known);
  }

  /**
   * Applies rewards to one bandit atomically at {@code nowMillis}: each write whose marker is new
   * (or expired by then) claims it, updates its arm (after exponential decay when {@code
   * halfLifeMillis > 0}) and appends its log entry; a write whose marker exists changes nothing.
   * Returns, per write, whether it was applied. All or nothing: if any resulting statistic would
   * leave ±1e300 it throws {@code FailedPreconditionException} and changes nothing (no marker is
   * claimed); the Redis store applies more than 500 writes as several such all-or-nothing batches,
   * so a failure there may follow earlier batches that were applied (retrying is safe).
   */
  boolean[] applyRewards(
      String banditKey, List<RewardWrite> writes, long halfLifeMillis, long nowMillis);

  /** Forgets every arm's statistics (markers and the decision log are kept). */
  void reset(String key);

  /** The newest {@code limit} decision-log entries of a bandit, oldest first. */
  List<String> readLog(String key, int limit);

  /**
   * Appends a sticky assignment, made at {@code nowMillis}, to the bandit's sticky log without
   * waiting (a failure is logged, not thrown: the replica keeps the assignment locally). Entries
   * appended more than {@code stickyDurationMillis} before {@code nowMillis} may be trimmed.
   */
  void appendSticky(
      String banditKey, StickyAssignment assignment, long nowMillis, long stickyDurationMillis);

  /**
   * Up to {@code limit} sticky assignments appended after {@code cursor} (empty = the oldest kept),
   * in append order, with the cursor to continue from.
   */
  StickyPage readSticky(String banditKey, String cursor, int limit);

  /**
   * Writes back bandits a replica holds after the store lost them: a bandit whose stored definition
   * is missing or older gets the held definition and arm statistics; one stored at the same or a
   * newer version is left alone. Returns how many bandits it wrote.
   */
  long restore(List<StoredBandit> held);

  /**
   * The secret that signs decision ids when no keys file is configured, shared by every replica on
   * this store: {@code candidate} if none is stored yet (it is stored, first writer wins), else the
   * one stored. A store private to one process keeps the first candidate it is given.
   */
  byte[] sharedDecisionSecret(byte[] candidate);

  /** Whether other processes share this store (Redis), so a shared secret reaches them too. */
  default boolean isShared() {
    return false;
  }

  /**
   * The monitor guarding against a lost store, for a store that can lose data (Redis); empty for
   * one that cannot (memory).
   */
  default Optional<StoreMonitor> monitor() {
    return Optional.empty();
  }

  /** Releases connections; the default does nothing. */
  @Override
  default void close() {}
}
