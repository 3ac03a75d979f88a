package dev.assay.bandit.selection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assay.bandit.definition.BanditDefinition;
import dev.assay.bandit.definition.PolicySpec;
import dev.assay.bandit.policy.ArmStats;
import dev.assay.bandit.store.BanditStore;
import dev.assay.bandit.store.InMemoryBanditStore;
import dev.assay.bandit.store.RewardWrite;
import dev.assay.bandit.store.StickyAssignment;
import dev.assay.bandit.store.StickyPage;
import dev.assay.bandit.store.StoredBandit;
import dev.assay.bandit.testing.TestBandits;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Selection reads the snapshot only; the snapshot follows the store at its refresh interval. */
class SnapshotSelectionTest {
  /** A store that counts every call and delegates to memory. */
  private static final class CountingStore implements BanditStore {
    final InMemoryBanditStore delegate = new InMemoryBanditStore(100, System::currentTimeMillis);
    final AtomicInteger calls = new AtomicInteger();

    @Override
    public BanditDefinition create(BanditDefinition d) {
      calls.incrementAndGet();
      return delegate.create(d);
    }

    @Override
    public BanditDefinition update(BanditDefinition d, long v) {
      calls.incrementAndGet();
      return delegate.update(d, v);
    }

    @Override
    public Optional<BanditDefinition> find(String key) {
      calls.incrementAndGet();
      return delegate.find(key);
    }

    @Override
    public List<BanditDefinition> list(String after, int limit) {
      calls.incrementAndGet();
      return delegate.list(after, limit);
    }

    @Override
    public Optional<StoredBandit> load(String key) {
      calls.incrementAndGet();
      return delegate.load(key);
    }

    @Override
    public List<StoredBandit> loadAll(java.util.Map<String, StoredBandit> known) {
      calls.incrementAndGet();
      return delegate.loadAll(known);
    }

    @Override
    public boolean[] applyRewards(String key, List<RewardWrite> writes, long halfLife, long now) {
      calls.incrementAndGet();
      return delegate.applyRewards(key, writes, halfLife, now);
    }

    @Override
    public void reset(String key) {
      calls.incrementAndGet();
      delegate.reset(key);
    }

    @Override
    public List<String> readLog(String key, int limit) {
      calls.incrementAndGet();
      return delegate.readLog(key, limit);
    }

    @Override
    public void appendSticky(String key, StickyAssignment assignment, long durationMillis) {
      calls.incrementAndGet();
      delegate.appendSticky(key, assignment, durationMillis);
    }

    @Override
    public StickyPage readSticky(String key, String cursor, int limit) {
      calls.incrementAndGet();
      return delegate.readSticky(key, cursor, limit);
    }
  }

  @Test
  void selectionNeverTouchesTheStore() {
    CountingStore store = new CountingStore();
    store.create(TestBandits.of("u", new PolicySpec.Ucb1(2), "a", "b"));
    try (SnapshotCache cache =
        new SnapshotCache(store, Duration.ofHours(1), System::currentTimeMillis, 1000).start()) {
      ArmSelector selector = new ArmSelector(cache, System::currentTimeMillis);
      int before = store.calls.get();
      for (int i = 0; i < 1000; i++) {
        selector.select("u", new double[0]);
      }
      assertEquals(before, store.calls.get());
    }
  }

  @Test
  void theSnapshotFollowsTheStoreWithinTheRefreshInterval() throws InterruptedException {
    CountingStore store = new CountingStore();
    store.create(TestBandits.of("u", new PolicySpec.Ucb1(2), "a", "b"));
    try (SnapshotCache cache =
        new SnapshotCache(store, Duration.ofMillis(20), System::currentTimeMillis, 1000).start()) {
      ArmSelector selector = new ArmSelector(cache, System::currentTimeMillis);
      assertEquals(0.5, selector.select("u", new double[0]).propensity().value());
      List<RewardWrite> writes = new ArrayList<>();
      writes.add(
          new RewardWrite(
              "m",
              "a",
              ArmStats.increments(1, new double[0]),
              "",
              System.currentTimeMillis() + 60_000));
      store.applyRewards("u", writes, 0, System.currentTimeMillis());
      // UCB1 now plays the untried arm b with certainty
      long deadline = System.currentTimeMillis() + 2_000;
      Decision d = selector.select("u", new double[0]);
      while (d.propensity().value() < 1.0 && System.currentTimeMillis() < deadline) {
        Thread.sleep(5);
        d = selector.select("u", new double[0]);
      }
      assertEquals("b", d.armId());
      assertEquals(1.0, d.propensity().value());
      assertTrue(cache.find("u").orElseThrow().takenAtMillis() <= System.currentTimeMillis());
    }
  }
}
