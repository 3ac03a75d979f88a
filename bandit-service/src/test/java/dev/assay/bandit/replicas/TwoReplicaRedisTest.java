package dev.assay.bandit.replicas;

import static dev.assay.bandit.testing.ProtoBandits.bandit;
import static dev.assay.bandit.testing.ProtoBandits.thompsonBernoulli;
import static dev.assay.runtime.testing.Await.awaitWithin;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assay.bandit.store.RedisBanditStore;
import dev.assay.bandit.testing.InProcessBandit;
import dev.assay.bandit.testing.ProtoBandits;
import dev.assay.bandit.v1.InspectBanditRequest;
import dev.assay.bandit.v1.RecordRewardRequest;
import dev.assay.bandit.v1.RecordRewardsRequest;
import dev.assay.bandit.v1.RewardEntry;
import dev.assay.bandit.v1.SelectRequest;
import dev.assay.bandit.v1.SelectResponse;
import dev.assay.runtime.testing.TestRedis;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two service replicas (two stores, two in-process servers) on the real Redis: concurrent writers
 * reward every decision through both replicas, several times; totals must be exact.
 */
class TwoReplicaRedisTest {
  private final TestRedis redis = new TestRedis();
  private RedisBanditStore storeA;
  private InProcessBandit replicaA;
  private InProcessBandit replicaB;

  @BeforeEach
  void start() {
    // Each replica is a process of its own: its own client, store and server, one key prefix.
    storeA = redis.closeLater(new RedisBanditStore(redis.connect(), 100_000));
    replicaA = redis.closeLater(new InProcessBandit(storeA, Duration.ofMillis(50)));
    RedisBanditStore storeB = redis.closeLater(new RedisBanditStore(redis.connect(), 100_000));
    replicaB = redis.closeLater(new InProcessBandit(storeB, Duration.ofMillis(50)));
  }

  @AfterEach
  void stop() {
    redis.close(); // each replica before its store and client, then the keys
  }

  @Test
  void concurrentRewardsThroughBothReplicasCountExactlyOnce() throws Exception {
    replicaA.create(bandit("shared", thompsonBernoulli(), "a", "b"));
    replicaB.refreshSnapshot();

    int decisions = 2_000;
    List<String> ids = new ArrayList<>();
    List<Double> rewards = new ArrayList<>();
    double expectedSum = 0;
    for (int i = 0; i < decisions; i++) {
      InProcessBandit replica = i % 2 == 0 ? replicaA : replicaB;
      ids.add(
          replica
              .bandits()
              .select(SelectRequest.newBuilder().setBanditKey("shared").build())
              .getDecisionId());
      double reward = i % 3 == 0 ? 1.0 : 0.0;
      rewards.add(reward);
      expectedSum += reward;
    }

    int writers = 4;
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int w = 0; w < writers; w++) {
        int writer = w;
        futures.add(
            pool.submit(
                () -> {
                  // every writer sends every reward: single calls to one replica, batches to the
                  // other
                  InProcessBandit single = writer % 2 == 0 ? replicaA : replicaB;
                  InProcessBandit batch = writer % 2 == 0 ? replicaB : replicaA;
                  RecordRewardsRequest.Builder pending = RecordRewardsRequest.newBuilder();
                  for (int i = 0; i < decisions; i++) {
                    int k = (i + writer * 500) % decisions;
                    if (k % 2 == 0) {
                      single
                          .bandits()
                          .recordReward(
                              RecordRewardRequest.newBuilder()
                                  .setDecisionId(ids.get(k))
                                  .setReward(rewards.get(k))
                                  .build());
                    } else {
                      pending.addRewards(
                          RewardEntry.newBuilder()
                              .setDecisionId(ids.get(k))
                              .setReward(rewards.get(k)));
                      if (pending.getRewardsCount() == 100) {
                        batch.bandits().recordRewards(pending.build());
                        pending.clear();
                      }
                    }
                  }
                  if (pending.getRewardsCount() > 0) {
                    batch.bandits().recordRewards(pending.build());
                  }
                  return null;
                }));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }

    for (InProcessBandit replica : List.of(replicaA, replicaB)) {
      var arms =
          replica
              .bandits()
              .inspectBandit(InspectBanditRequest.newBuilder().setBanditKey("shared").build())
              .getArmsList();
      assertEquals(decisions, arms.get(0).getPulls() + arms.get(1).getPulls());
      assertEquals(expectedSum, arms.get(0).getRewardSum() + arms.get(1).getRewardSum());
    }
  }

  @Test
  void bothReplicasAgreeOnEveryUnitsStickyArm() {
    replicaA.create(ProtoBandits.uniformSticky("sticky"));
    replicaB.refreshSnapshot();
    // units first seen on A, then on B after one refresh: B returns A's arm
    List<String> firstArms = new ArrayList<>();
    for (int u = 0; u < 10; u++) {
      firstArms.add(select(replicaA, "early-" + u).getArmId());
    }
    refreshOnceStored(10);
    for (int u = 0; u < 10; u++) {
      SelectResponse onB = select(replicaB, "early-" + u);
      assertTrue(onB.getSticky());
      assertEquals(firstArms.get(u), onB.getArmId());
    }
    // units that race on both replicas before either refreshes converge to one arm
    int appended = 10;
    for (int u = 0; u < 20; u++) {
      for (InProcessBandit replica : List.of(replicaA, replicaB)) {
        // a fresh (not sticky) answer is a new assignment, appended to the shared log
        appended += select(replica, "race-" + u).getSticky() ? 0 : 1;
      }
    }
    refreshOnceStored(appended);
    for (int u = 0; u < 20; u++) {
      assertEquals(
          select(replicaA, "race-" + u).getArmId(),
          select(replicaB, "race-" + u).getArmId(),
          "race-" + u);
    }
  }

  /**
   * Waits until the sticky log in Redis holds {@code assignments} entries (replicas append without
   * waiting), then refreshes both replicas from it.
   */
  private void refreshOnceStored(int assignments) {
    awaitWithin(
        Duration.ofSeconds(5),
        assignments + " sticky assignments in Redis",
        () -> storeA.readSticky("sticky", "", 1_000).assignments().size() == assignments);
    replicaA.refreshSnapshot();
    replicaB.refreshSnapshot();
  }

  private static SelectResponse select(InProcessBandit replica, String unit) {
    return replica
        .bandits()
        .select(SelectRequest.newBuilder().setBanditKey("sticky").setUnitId(unit).build());
  }
}
