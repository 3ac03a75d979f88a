package dev.assay.bandit.replicas;

import static dev.assay.bandit.testing.ProtoBandits.bandit;
import static dev.assay.bandit.testing.ProtoBandits.thompsonBernoulli;
import static dev.assay.runtime.testing.Await.awaitWithin;
import static dev.assay.runtime.testing.GrpcAssertions.assertStatus;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assay.bandit.store.RedisBanditStore;
import dev.assay.bandit.testing.InProcessBandit;
import dev.assay.bandit.v1.InspectBanditRequest;
import dev.assay.bandit.v1.RecordRewardRequest;
import dev.assay.bandit.v1.RecordRewardResponse;
import dev.assay.bandit.v1.RecordRewardsRequest;
import dev.assay.bandit.v1.RewardEntry;
import dev.assay.bandit.v1.SelectRequest;
import dev.assay.bandit.v1.SelectResponse;
import dev.assay.runtime.redis.RedisSettings;
import dev.assay.runtime.redis.SharedRedisClient;
import dev.assay.runtime.testing.TcpProxy;
import dev.assay.runtime.testing.TestRedis;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Redis going away (a proxy cut inside the test): selection keeps serving, rewards answer
 * UNAVAILABLE.
 */
class RedisOutageTest {
  private final TestRedis redis = new TestRedis();
  private final TcpProxy proxy = new TcpProxy(6379);
  private InProcessBandit replica;

  @BeforeEach
  void start() {
    // A short timeout (the test's own) bounds a command sent just as the proxy is cut.
    SharedRedisClient client =
        redis.closeLater(
            SharedRedisClient.create(
                new RedisSettings(proxy.redisUrl(), redis.prefix(), Duration.ofSeconds(1))));
    RedisBanditStore store = redis.closeLater(new RedisBanditStore(client, 1000));
    replica = redis.closeLater(new InProcessBandit(store, Duration.ofMillis(20)));
  }

  @AfterEach
  void stop() {
    redis.close(); // the replica, then its store and client, then the keys
    proxy.close();
  }

  /** Whether {@code call} fails with UNAVAILABLE (it must not fail otherwise). */
  private static boolean isUnavailable(Runnable call) {
    try {
      call.run();
      return false;
    } catch (StatusRuntimeException e) {
      assertEquals(Status.Code.UNAVAILABLE, e.getStatus().getCode(), e.toString());
      return true;
    }
  }

  private double pulls() {
    var arms =
        replica
            .bandits()
            .inspectBandit(InspectBanditRequest.newBuilder().setBanditKey("k").build())
            .getArmsList();
    return arms.stream().mapToDouble(a -> a.getPulls()).sum();
  }

  private RecordRewardResponse reward(String decisionId) {
    return replica
        .bandits()
        .recordReward(
            RecordRewardRequest.newBuilder().setDecisionId(decisionId).setReward(1).build());
  }

  @Test
  void selectionServesTheLastSnapshotAndRewardsAreUnavailableThenSafelyRetried() {
    replica.create(bandit("k", thompsonBernoulli(), "a", "b"));
    reward(
        replica
            .bandits()
            .select(SelectRequest.newBuilder().setBanditKey("k").build())
            .getDecisionId());

    proxy.cut();
    awaitWithin(
        Duration.ofSeconds(5), "the replica sees Redis go", () -> isUnavailable(this::pulls));
    String pending = null;
    for (int i = 0; i < 50; i++) {
      SelectResponse s =
          replica.bandits().select(SelectRequest.newBuilder().setBanditKey("k").build());
      assertTrue(s.getArmId().equals("a") || s.getArmId().equals("b"));
      pending = s.getDecisionId();
    }
    String decision = pending;
    long started = System.nanoTime();
    assertStatus(Status.Code.UNAVAILABLE, () -> reward(decision));
    assertTrue(System.nanoTime() - started < 2_000_000_000L, "fails fast while Redis is away");
    assertStatus(
        Status.Code.UNAVAILABLE,
        () ->
            replica
                .bandits()
                .recordRewards(
                    RecordRewardsRequest.newBuilder()
                        .addRewards(RewardEntry.newBuilder().setDecisionId(decision).setReward(1))
                        .build()));
    assertStatus(Status.Code.UNAVAILABLE, () -> pulls());
    assertStatus(
        Status.Code.UNAVAILABLE,
        () -> replica.create(bandit("during-outage", thompsonBernoulli(), "a")));

    proxy.restore();
    awaitWithin(
        Duration.ofSeconds(15), "the replica reconnects", () -> !isUnavailable(this::pulls));
    assertEquals(1.0, pulls(), "the rejected reward changed nothing");
    assertFalse(reward(decision).getDuplicate(), "the retry applies the reward");
    assertTrue(reward(decision).getDuplicate(), "and a second retry counts nothing");
    assertEquals(2.0, pulls());
  }
}
