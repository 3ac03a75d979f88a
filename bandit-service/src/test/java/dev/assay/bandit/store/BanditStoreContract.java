package dev.assay.bandit.store;

import static dev.assay.runtime.testing.Await.awaitWithin;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assay.bandit.definition.BanditDefinition;
import dev.assay.bandit.definition.PolicySpec;
import dev.assay.bandit.policy.ArmStats;
import dev.assay.bandit.propensity.Propensity;
import dev.assay.bandit.testing.TestBandits;
import dev.assay.runtime.errors.AbortedException;
import dev.assay.runtime.errors.AlreadyExistsException;
import dev.assay.runtime.errors.FailedPreconditionException;
import dev.assay.runtime.errors.NotFoundException;
import dev.assay.runtime.testing.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link BanditStore} promises; run against memory and the real Redis. Time is
 * a {@link MutableClock} the tests pass to every write; Redis also keeps its own (real) time for
 * marker expiry, so a test that waits for an expiry moves the clock and polls.
 */
abstract class BanditStoreContract {
  static final int LOG_CAPACITY = 5;
  final MutableClock clock = MutableClock.atSystemTime();
  BanditStore store;

  /** A fresh, empty store keeping {@link #LOG_CAPACITY} log entries per bandit. */
  abstract BanditStore newStore();

  @BeforeEach
  void open() {
    store = newStore();
  }

  @AfterEach
  void close() {
    store.close();
  }

  long now() {
    return clock.millis();
  }

  RewardWrite write(String marker, String arm, double reward, String log) {
    return new RewardWrite(
        marker, arm, ArmStats.increments(reward, new double[0]), log, now() + 60_000);
  }

  static ArmStats stats(BanditStore store, String key, String arm) {
    return ArmStats.fromFields(
        store.load(key).orElseThrow().armFields().getOrDefault(arm, Map.of()), 0);
  }

  @Test
  void createdBanditIsFoundAtVersionOne() {
    store.create(TestBandits.bernoulli("b1", "a", "b"));
    BanditDefinition found = store.find("b1").orElseThrow();
    assertEquals(1, found.version());
    assertEquals(List.of("a", "b"), found.arms().stream().map(x -> x.id()).toList());
    assertEquals(new PolicySpec.ThompsonBernoulli(1, 1), found.policy());
    assertTrue(store.find("missing").isEmpty());
  }

  @Test
  void creatingATakenKeyIsAlreadyExists() {
    store.create(TestBandits.bernoulli("b1", "a"));
    assertThrows(
        AlreadyExistsException.class, () -> store.create(TestBandits.bernoulli("b1", "z")));
    assertEquals("a", store.find("b1").orElseThrow().arms().get(0).id());
  }

  @Test
  void updateChecksTheVersion() {
    BanditDefinition created = store.create(TestBandits.bernoulli("b1", "a"));
    BanditDefinition next = TestBandits.of("b1", new PolicySpec.ThompsonBernoulli(2, 3), "a", "b");
    assertEquals(2, store.update(next, created.version()).version());
    assertThrows(AbortedException.class, () -> store.update(next, created.version()));
    assertEquals(new PolicySpec.ThompsonBernoulli(2, 3), store.find("b1").orElseThrow().policy());
    assertThrows(
        NotFoundException.class, () -> store.update(TestBandits.bernoulli("nope", "a"), 1));
  }

  @Test
  void aRestoreWritesBackMissingOrOlderBanditsWithTheirStatisticsAndLeavesNewerOnes() {
    BanditDefinition kept = store.create(TestBandits.bernoulli("kept", "a"));
    StoredBandit heldKept =
        new StoredBandit(kept.withVersion(0), Map.of("a", Map.of("n", 99.0)), 5);
    StoredBandit heldLost =
        new StoredBandit(
            TestBandits.bernoulli("lost", "a", "b").withVersion(3),
            Map.of("a", Map.of("n", 2.0, "s", 1.0), "b", Map.of("n", 1.0, "s", 0.5)),
            7);

    assertEquals(1, store.restore(List.of(heldKept, heldLost)));

    assertTrue(store.load("kept").orElseThrow().armFields().isEmpty(), "newer kept as stored");
    StoredBandit restored = store.load("lost").orElseThrow();
    assertEquals(3, restored.definition().version());
    assertEquals(heldLost.armFields(), restored.armFields());
    assertEquals(
        List.of("kept", "lost"), store.list("", 10).stream().map(BanditDefinition::key).toList());
  }

  @Test
  void listPagesInKeyOrder() {
    for (String key : List.of("c", "a", "d", "b")) {
      store.create(TestBandits.bernoulli(key, "x"));
    }
    assertEquals(List.of("a", "b"), store.list("", 2).stream().map(BanditDefinition::key).toList());
    assertEquals(
        List.of("c", "d"), store.list("b", 5).stream().map(BanditDefinition::key).toList());
    assertEquals(4, store.loadAll().size());
  }

  @Test
  void rewardsAccumulateAndARepeatedMarkerCountsOnce() {
    store.create(TestBandits.bernoulli("b1", "a", "b"));
    boolean[] first =
        store.applyRewards(
            "b1",
            List.of(
                write("m1", "a", 1, ""),
                write("m2", "a", 0, ""),
                write("m1", "a", 1, ""),
                write("m3", "b", 0.5, "")),
            0,
            now());
    assertArrayEquals(new boolean[] {true, true, false, true}, first);
    boolean[] retry = store.applyRewards("b1", List.of(write("m2", "a", 0, "")), 0, now());
    assertArrayEquals(new boolean[] {false}, retry);
    ArmStats a = stats(store, "b1", "a");
    assertEquals(2.0, a.pulls());
    assertEquals(1.0, a.rewardSum());
    assertEquals(0.25, stats(store, "b1", "b").rewardSquares());
  }

  @Test
  void aBatchThatWouldTakeAStatisticPastTheStorableRangeChangesNothing() {
    store.create(TestBandits.bernoulli("b1", "a", "b"));
    store.applyRewards("b1", List.of(write("m0", "a", 1, "first")), 0, now());
    RewardWrite huge =
        new RewardWrite("m2", "b", Map.of("n", 1.0, "s", 1e308), "huge", now() + 60_000);
    assertThrows(
        FailedPreconditionException.class,
        () -> store.applyRewards("b1", List.of(write("m1", "a", 1, "good"), huge), 0, now()));
    assertEquals(1.0, stats(store, "b1", "a").pulls());
    assertEquals(0.0, stats(store, "b1", "b").pulls());
    assertEquals(List.of("first"), store.readLog("b1", 10));
    // neither marker was claimed: both rewards are still taken
    boolean[] retry =
        store.applyRewards(
            "b1", List.of(write("m1", "a", 1, "good"), write("m2", "b", 1, "")), 0, now());
    assertArrayEquals(new boolean[] {true, true}, retry);
  }

  @Test
  void aMarkerIsForgottenAfterItExpires() {
    store.create(TestBandits.bernoulli("b1", "a"));
    RewardWrite shortLived =
        new RewardWrite("m", "a", ArmStats.increments(1, new double[0]), "", now() + 50);
    assertArrayEquals(
        new boolean[] {true}, store.applyRewards("b1", List.of(shortLived), 0, now()));
    // A duplicate changes nothing, so polling is safe; each poll lets 10 ms pass on both clocks.
    awaitWithin(
        Duration.ofSeconds(2),
        "the expired marker is forgotten",
        () -> {
          clock.advance(Duration.ofMillis(10));
          return store.applyRewards("b1", List.of(shortLived), 0, now())[0];
        });
  }

  @Test
  void loadAllRereadsOnlyBanditsThatChanged() {
    store.create(TestBandits.bernoulli("b1", "a"));
    store.create(TestBandits.bernoulli("b2", "a"));
    Map<String, StoredBandit> known = new java.util.HashMap<>();
    store.loadAll().forEach(b -> known.put(b.definition().key(), b));
    store.applyRewards("b1", List.of(write("m1", "a", 1, "")), 0, now());
    Map<String, StoredBandit> next = new java.util.HashMap<>();
    store.loadAll(known).forEach(b -> next.put(b.definition().key(), b));
    assertSame(known.get("b2"), next.get("b2"), "unchanged bandits are not re-read");
    assertEquals(1.0, ArmStats.fromFields(next.get("b1").armFields().get("a"), 0).pulls());
    assertTrue(next.get("b1").revision() > known.get("b1").revision());
    store.reset("b2");
    store.loadAll(next).stream()
        .filter(b -> b.definition().key().equals("b2"))
        .forEach(
            b -> assertTrue(b.revision() > next.get("b2").revision(), "a reset is a new revision"));
    store.update(TestBandits.bernoulli("b1", "a", "z"), 1);
    StoredBandit b1 =
        store.loadAll(next).stream()
            .filter(b -> b.definition().key().equals("b1"))
            .findFirst()
            .orElseThrow();
    assertEquals(2, b1.definition().version(), "a definition change is re-read");
  }

  @Test
  void rewardsForAnUnknownBanditAreNotFound() {
    assertThrows(
        NotFoundException.class,
        () -> store.applyRewards("nope", List.of(write("m", "a", 1, "")), 0, now()));
  }

  @Test
  void discountingHalvesOldRewardsEveryHalfLife() {
    store.create(TestBandits.bernoulli("b1", "a"));
    store.applyRewards("b1", List.of(write("m1", "a", 1, "")), 1_000, 10_000);
    store.applyRewards("b1", List.of(write("m2", "a", 0, "")), 1_000, 11_000);
    ArmStats a = stats(store, "b1", "a");
    assertEquals(1.5, a.pulls(), 1e-12);
    assertEquals(0.5, a.rewardSum(), 1e-12);
    assertEquals(11_000, a.updatedMillis());
  }

  @Test
  void contextualIncrementsAreStoredPerField() {
    store.create(TestBandits.of("lin", new PolicySpec.LinUcb(2, 1, 1), "a"));
    store.applyRewards(
        "lin",
        List.of(
            new RewardWrite(
                "m", "a", ArmStats.increments(2, new double[] {1, 3}), "", now() + 60_000)),
        0,
        now());
    ArmStats a = ArmStats.fromFields(store.load("lin").orElseThrow().armFields().get("a"), 2);
    assertArrayEquals(new double[] {1, 3, 9}, a.gram());
    assertArrayEquals(new double[] {2, 6}, a.moment());
  }

  @Test
  void resetForgetsStatisticsButKeepsTheDefinition() {
    store.create(TestBandits.bernoulli("b1", "a"));
    store.applyRewards("b1", List.of(write("m1", "a", 1, "")), 0, now());
    store.reset("b1");
    assertEquals(0.0, stats(store, "b1", "a").pulls());
    assertTrue(store.find("b1").isPresent());
    assertArrayEquals(
        new boolean[] {false},
        store.applyRewards("b1", List.of(write("m1", "a", 1, "")), 0, now()),
        "a retry after a reset is still a duplicate");
  }

  @Test
  void theDecisionLogKeepsTheNewestEntriesInOrder() {
    store.create(TestBandits.bernoulli("b1", "a"));
    List<RewardWrite> writes = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      writes.add(write("m" + i, "a", 1, "entry" + i));
    }
    writes.add(write("m0", "a", 1, "duplicate-not-logged"));
    store.applyRewards("b1", writes, 0, now());
    assertEquals(
        List.of("entry3", "entry4", "entry5", "entry6", "entry7"), store.readLog("b1", 100));
    assertEquals(List.of("entry6", "entry7"), store.readLog("b1", 2));
  }

  @Test
  void stickyAssignmentsAreReadBackInOrderFromACursor() {
    store.create(TestBandits.bernoulli("b1", "a", "b"));
    long expires = now() + 60_000;
    for (int i = 0; i < 3; i++) {
      store.appendSticky(
          "b1",
          new StickyAssignment(
              "u" + i, i % 2 == 0 ? "a" : "b", Propensity.monteCarlo(4_000 + i, 10_000), expires),
          now(),
          60_000);
    }
    awaitWithin(
        Duration.ofSeconds(2),
        "the appends, which do not wait, are stored",
        () -> store.readSticky("b1", "", 10).assignments().size() == 3);
    StickyPage first = store.readSticky("b1", "", 2);
    assertEquals(
        List.of("u0", "u1"), first.assignments().stream().map(StickyAssignment::unitId).toList());
    assertEquals(Propensity.monteCarlo(4_000, 10_000), first.assignments().get(0).propensity());
    assertEquals(expires, first.assignments().get(0).expiresAtMillis());
    StickyPage second = store.readSticky("b1", first.nextCursor(), 2);
    assertEquals(
        List.of("u2"), second.assignments().stream().map(StickyAssignment::unitId).toList());
    assertEquals("b", store.readSticky("b1", "", 10).assignments().get(1).armId());
    assertTrue(store.readSticky("b1", second.nextCursor(), 2).assignments().isEmpty());
  }

  @Test
  void concurrentWritersLoseNothingAndCountNothingTwice() throws Exception {
    store.create(TestBandits.bernoulli("b1", "a"));
    int threads = 4;
    int perThread = 500;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        futures.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < perThread; i++) {
                    // every thread sends the same markers: each must count exactly once overall
                    store.applyRewards("b1", List.of(write("m" + i, "a", 1, "")), 0, now());
                  }
                }));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    assertEquals(perThread, stats(store, "b1", "a").pulls());
  }
}
