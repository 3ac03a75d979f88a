package dev.assay.bandit.store;

import dev.assay.bandit.definition.BanditDefinition;
import dev.assay.bandit.policy.ArmStats;
import dev.assay.runtime.errors.AbortedException;
import dev.assay.runtime.errors.AlreadyExistsException;
import dev.assay.runtime.errors.NotFoundException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListMap;
import org.jspecify.annotations.Nullable;

/**
 * The embedded store: everything in this process's memory, with the same semantics as the Redis
 * store (atomic per-bandit reward batches, expiring markers, capped decision log).
 */
public final class InMemoryBanditStore implements BanditStore {
  private final ConcurrentSkipListMap<String, Entry> bandits = new ConcurrentSkipListMap<>();
  private final int logCapacity;
  private byte @Nullable [] decisionSecret;

  /**
   * A store keeping at most {@code logCapacity} decision-log entries per bandit. It reads no clock:
   * every write says when it happens.
   */
  public InMemoryBanditStore(int logCapacity) {
    this.logCapacity = logCapacity;
  }

  private static final class Entry {
    BanditDefinition definition;
    final Map<String, Map<String, Double>> arms = new HashMap<>();
    final Map<String, Long> markers = new HashMap<>();
    final ArrayDeque<String> log = new ArrayDeque<>();
    final ArrayDeque<StickyAssignment> sticky = new ArrayDeque<>();
    long stickyTrimmed;
    long writesSincePurge;
    long revision;

    Entry(BanditDefinition definition) {
      this.definition = definition;
    }
  }

  private Entry entry(String key) {
    Entry e = bandits.get(key);
    if (e == null) {
      throw new NotFoundException("bandit '" + key + "' not found");
    }
    return e;
  }

  @Override
  public synchronized byte[] sharedDecisionSecret(byte[] candidate) {
    if (decisionSecret == null) {
      decisionSecret = candidate.clone();
    }
    return decisionSecret.clone();
  }

  @Override
  public BanditDefinition create(BanditDefinition definition) {
    BanditDefinition stored = definition.withVersion(1);
    if (bandits.putIfAbsent(definition.key(), new Entry(stored)) != null) {
      throw new AlreadyExistsException("bandit '" + definition.key() + "' already exists");
    }
    return stored;
  }

  @Override
  public long restore(List<StoredBandit> held) {
    long written = 0;
    for (StoredBandit b : held) {
      Entry fresh = new Entry(b.definition());
      b.armFields().forEach((arm, fields) -> fresh.arms.put(arm, new HashMap<>(fields)));
      fresh.revision = b.revision();
      Entry result =
          bandits.merge(
              b.definition().key(),
              fresh,
              (stored, mine) ->
                  stored.definition.version() >= mine.definition.version() ? stored : mine);
      written += result == fresh ? 1 : 0;
    }
    return written;
  }

  @Override
  public BanditDefinition update(BanditDefinition definition, long expectedVersion) {
    Entry e = entry(definition.key());
    synchronized (e) {
      if (e.definition.version() != expectedVersion) {
        throw new AbortedException(
            "bandit '"
                + definition.key()
                + "' is at version "
                + e.definition.version()
                + ", not "
                + expectedVersion
                + "; re-read and retry");
      }
      e.definition = definition.withVersion(expectedVersion + 1);
      return e.definition;
    }
  }

  @Override
  public Optional<BanditDefinition> find(String key) {
    Entry e = bandits.get(key);
    if (e == null) {
      return Optional.empty();
    }
    synchronized (e) {
      return Optional.of(e.definition);
    }
  }

  @Override
  public List<BanditDefinition> list(String afterKey, int limit) {
    List<BanditDefinition> out = new ArrayList<>();
    var tail = afterKey.isEmpty() ? bandits : bandits.tailMap(afterKey, false);
    for (Entry e : tail.values()) {
      if (out.size() >= limit) {
        break;
      }
      synchronized (e) {
        out.add(e.definition);
      }
    }
    return out;
  }

  @Override
  public Optional<StoredBandit> load(String key) {
    Entry e = bandits.get(key);
    return e == null ? Optional.empty() : Optional.of(snapshot(e));
  }

  private static StoredBandit snapshot(Entry e) {
    synchronized (e) {
      Map<String, Map<String, Double>> copy = new HashMap<>();
      e.arms.forEach((arm, fields) -> copy.put(arm, Map.copyOf(fields)));
      return new StoredBandit(e.definition, copy, e.revision);
    }
  }

  @Override
  public List<StoredBandit> loadAll(Map<String, StoredBandit> known) {
    List<StoredBandit> out = new ArrayList<>();
    for (Entry e : bandits.values()) {
      StoredBandit previous;
      synchronized (e) {
        previous = known.get(e.definition.key());
        if (previous != null && previous.isAt(e.definition.version(), e.revision)) {
          out.add(previous);
          continue;
        }
      }
      out.add(snapshot(e));
    }
    return out;
  }

  /**
   * All or nothing, like the Redis script: the new arm fields are computed on copies and checked
   * against {@link StatisticsLimit} before markers, arms or the log change.
   */
  @Override
  public boolean[] applyRewards(
      String banditKey, List<RewardWrite> writes, long halfLifeMillis, long nowMillis) {
    Entry e = entry(banditKey);
    boolean[] applied = new boolean[writes.size()];
    synchronized (e) {
      purgeExpiredMarkers(e, writes.size(), nowMillis);
      Map<String, Map<String, Double>> next = new HashMap<>();
      Set<String> claimed = new HashSet<>();
      for (int i = 0; i < writes.size(); i++) {
        RewardWrite w = writes.get(i);
        Long expiry = e.markers.get(w.markerId());
        if ((expiry != null && expiry > nowMillis) || !claimed.add(w.markerId())) {
          continue;
        }
        Map<String, Double> fields =
            next.computeIfAbsent(
                w.armId(),
                arm -> {
                  Map<String, Double> copy = new HashMap<>(e.arms.getOrDefault(arm, Map.of()));
                  if (halfLifeMillis > 0) {
                    decay(copy, halfLifeMillis, nowMillis);
                  }
                  return copy;
                });
        w.increments().forEach((field, inc) -> fields.merge(field, inc, Double::sum));
        applied[i] = true;
      }
      for (Map<String, Double> fields : next.values()) {
        for (double v : fields.values()) {
          if (!StatisticsLimit.isStorable(v)) {
            throw StatisticsLimit.exceeded(banditKey);
          }
        }
      }
      for (int i = 0; i < writes.size(); i++) {
        RewardWrite w = writes.get(i);
        if (applied[i]) {
          e.markers.put(w.markerId(), w.markerExpiresAtMillis());
          if (!w.logEntry().isEmpty()) {
            e.log.addLast(w.logEntry());
            while (e.log.size() > logCapacity) {
              e.log.removeFirst();
            }
          }
        }
      }
      if (!next.isEmpty()) {
        // as in Redis: the revision marks changed statistics, so duplicates leave it alone
        e.arms.putAll(next);
        e.revision++;
      }
    }
    return applied;
  }

  private static void decay(Map<String, Double> fields, long halfLifeMillis, long nowMillis) {
    double last = fields.getOrDefault(ArmStats.UPDATED, 0.0);
    if (last > 0 && nowMillis > last) {
      double f = Math.pow(0.5, (nowMillis - last) / halfLifeMillis);
      fields.replaceAll((name, v) -> name.equals(ArmStats.UPDATED) ? v : v * f);
    }
    fields.put(ArmStats.UPDATED, Math.max(last, (double) nowMillis));
  }

  private static void purgeExpiredMarkers(Entry e, int newWrites, long nowMillis) {
    e.writesSincePurge += newWrites;
    if (e.writesSincePurge < 10_000) {
      return;
    }
    e.writesSincePurge = 0;
    e.markers.values().removeIf(expiry -> expiry <= nowMillis);
  }

  @Override
  public void appendSticky(
      String banditKey, StickyAssignment assignment, long nowMillis, long stickyDurationMillis) {
    Entry e = bandits.get(banditKey);
    if (e == null) {
      return;
    }
    synchronized (e) {
      while (!e.sticky.isEmpty() && !e.sticky.peekFirst().isLiveAt(nowMillis)) {
        e.sticky.removeFirst();
        e.stickyTrimmed++;
      }
      e.sticky.addLast(assignment);
    }
  }

  @Override
  public StickyPage readSticky(String banditKey, String cursor, int limit) {
    Entry e = entry(banditKey);
    synchronized (e) {
      long next = cursor.isEmpty() ? 0 : Long.parseLong(cursor);
      long index = Math.max(next, e.stickyTrimmed);
      List<StickyAssignment> all = new ArrayList<>(e.sticky);
      int from = (int) (index - e.stickyTrimmed);
      int to = Math.min(all.size(), from + limit);
      return new StickyPage(all.subList(from, to), Long.toString(e.stickyTrimmed + to));
    }
  }

  /** Idempotency markers held, expired or not (tests compare it before and after a write). */
  int markerCount() {
    int count = 0;
    for (Entry e : bandits.values()) {
      synchronized (e) {
        count += e.markers.size();
      }
    }
    return count;
  }

  @Override
  public void reset(String key) {
    Entry e = entry(key);
    synchronized (e) {
      e.arms.clear();
      e.revision++;
    }
  }

  @Override
  public List<String> readLog(String key, int limit) {
    Entry e = entry(key);
    synchronized (e) {
      List<String> all = new ArrayList<>(e.log);
      return List.copyOf(all.subList(Math.max(0, all.size() - limit), all.size()));
    }
  }
}
