package dev.assay.bandit.selection;

import static dev.assay.runtime.testing.Await.awaitWithin;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.assay.bandit.decisionkeys.DecisionKeys;
import dev.assay.bandit.definition.BanditDefinition;
import dev.assay.bandit.definition.PolicySpec;
import dev.assay.bandit.policy.ArmStats;
import dev.assay.bandit.policy.Policies;
import dev.assay.bandit.policy.RandomSource;
import dev.assay.bandit.store.BanditStore;
import dev.assay.bandit.store.InMemoryBanditStore;
import dev.assay.bandit.store.RewardWrite;
import dev.assay.bandit.store.StickyAssignment;
import dev.assay.bandit.store.StickyPage;
import dev.assay.bandit.store.StoredBandit;
import dev.assay.bandit.testing.TestBandits;
import dev.assay.runtime.testing.MutableClock;
import java.security.SecureRandom;
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
    final InMemoryBanditStore delegate = new InMemoryBanditStore(100);
    final AtomicInteger calls = new AtomicInteger();

    @Override
    public byte[] sharedDecisionSecret(byte[] candidate) {
      return delegate.sharedDecisionSecret(candidate);
    }

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
    public long restore(List<StoredBandit> held) {
      return delegate.restore(held);
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
    public void appendSticky(
        String key, StickyAssignment assignment, long nowMillis, long durationMillis) {
      calls.incrementAndGet();
      delegate.appendSticky(key, assignment, nowMillis, durationMillis);
    }

    @Override
    public StickyPage readSticky(String key, String cursor, int limit) {
      calls.incrementAndGet();
      return delegate.readSticky(key, cursor, limit);
    }
  }

  private final MutableClock clock = MutableClock.atSystemTime();
  private final RandomSource random = RandomSource.seeded(7);
  private final Policies policies = new Policies(1000, random);

  private DecisionIds ids(BanditStore store) {
    return new DecisionIds(DecisionKeys.generated(store, clock, new SecureRandom()));
  }

  @Test
  void selectionNeverTouchesTheStore() {
    CountingStore store = new CountingStore();
    store.create(TestBandits.of("u", new PolicySpec.Ucb1(2), "a", "b"));
    try (SnapshotCache cache =
        new SnapshotCache(store, Duration.ofHours(1), clock, policies).start()) {
      ArmSelector selector = new ArmSelector(cache, clock, random, ids(store));
      int before = store.calls.get();
      for (int i = 0; i < 1000; i++) {
        selector.select("u", new double[0]);
      }
      assertEquals(before, store.calls.get());
    }
  }

  @Test
  void theSnapshotFollowsTheStoreWithinTheRefreshInterval() {
    CountingStore store = new CountingStore();
    store.create(TestBandits.of("u", new PolicySpec.Ucb1(2), "a", "b"));
    try (SnapshotCache cache =
        new SnapshotCache(store, Duration.ofMillis(20), clock, policies).start()) {
      ArmSelector selector = new ArmSelector(cache, clock, random, ids(store));
      assertEquals(0.5, selector.select("u", new double[0]).propensity().value());
      clock.advance(Duration.ofSeconds(1));
      List<RewardWrite> writes = new ArrayList<>();
      writes.add(
          new RewardWrite(
              "m", "a", ArmStats.increments(1, new double[0]), "", clock.millis() + 60_000));
      store.applyRewards("u", writes, 0, clock.millis());
      // UCB1 now plays the untried arm b with certainty, once a background refresh has run
      awaitWithin(
          Duration.ofSeconds(2),
          "the background refresh picks up the reward",
          () -> selector.select("u", new double[0]).propensity().value() == 1.0);
      Decision d = selector.select("u", new double[0]);
      assertEquals("b", d.armId());
      assertEquals(1.0, d.propensity().value());
      assertEquals(
          clock.millis(),
          cache.find("u").orElseThrow().takenAtMillis(),
          "the snapshot is taken at the clock's time");
    }
  }
}
