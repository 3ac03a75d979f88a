package dev.assay.console.bandits;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Bounded in-memory history of each bandit's pulls, sampled by the console: no RPC keeps the
 * history of an allocation, so the console remembers what it saw since it started (and forgets on
 * restart).
 */
public final class AllocationHistory {
  private final int capacityPerBandit;
  private final Map<String, Deque<PullSample>> samples = new ConcurrentHashMap<>();

  /** Keeps at most {@code capacityPerBandit} samples per bandit; the oldest go first. */
  public AllocationHistory(int capacityPerBandit) {
    if (capacityPerBandit < 2) {
      throw new IllegalArgumentException("capacityPerBandit must be at least 2");
    }
    this.capacityPerBandit = capacityPerBandit;
  }

  /** Adds a sample of one bandit. */
  public void record(String banditKey, PullSample sample) {
    Deque<PullSample> deque = samples.computeIfAbsent(banditKey, k -> new ArrayDeque<>());
    synchronized (deque) {
      deque.addLast(sample);
      while (deque.size() > capacityPerBandit) {
        deque.removeFirst();
      }
    }
  }

  /** The samples of a bandit, oldest first; empty when none were taken. */
  public List<PullSample> samples(String banditKey) {
    Deque<PullSample> deque = samples.get(banditKey);
    if (deque == null) {
      return List.of();
    }
    synchronized (deque) {
      return new ArrayList<>(deque);
    }
  }
}
