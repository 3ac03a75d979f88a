package dev.assay.bandit.replicas;

import static dev.assay.bandit.testing.GrpcAssertions.assertStatus;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assay.bandit.store.RedisBanditStore;
import dev.assay.bandit.testing.CuttableTcpProxy;
import dev.assay.bandit.testing.InProcessBandit;
import dev.assay.bandit.testing.RedisTestSupport;
import dev.assay.bandit.v1.Arm;
import dev.assay.bandit.v1.Bandit;
import dev.assay.bandit.v1.CreateBanditRequest;
import dev.assay.bandit.v1.InspectBanditRequest;
import dev.assay.bandit.v1.PolicyConfig;
import dev.assay.bandit.v1.RecordRewardRequest;
import dev.assay.bandit.v1.RecordRewardResponse;
import dev.assay.bandit.v1.RecordRewardsRequest;
import dev.assay.bandit.v1.RewardEntry;
import dev.assay.bandit.v1.SelectRequest;
import dev.assay.bandit.v1.SelectResponse;
import dev.assay.bandit.v1.ThompsonBernoulli;
import dev.assay.runtime.redis.RedisConnector;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.lettuce.core.RedisClient;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Redis going away (a proxy cut inside the test): selection keeps serving, rewards answer
 * UNAVAILABLE.
 */
class RedisOutageTest {
  private final String prefix = RedisTestSupport.uniquePrefix();
  private CuttableTcpProxy proxy;
  private RedisClient client;
  private InProcessBandit replica;

  @BeforeEach
  void start() throws Exception {
    proxy = new CuttableTcpProxy(6379);
    client = RedisConnector.connect("redis://127.0.0.1:" + proxy.port(), Duration.ofMillis(300));
    replica =
        new InProcessBandit(
            new RedisBanditStore(client, false, prefix, 1000, Duration.ofMillis(300)),
            Duration.ofMillis(20));
  }

  @AfterEach
  void stop() throws Exception {
    replica.close();
    proxy.close();
    client.shutdown();
    RedisClient direct = RedisClient.create(RedisTestSupport.URL);
    RedisTestSupport.deleteKeys(direct, prefix);
    direct.shutdown();
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
  void selectionServesTheLastSnapshotAndRewardsAreUnavailableThenSafelyRetried() throws Exception {
    replica
        .admin()
        .createBandit(
            CreateBanditRequest.newBuilder()
                .setBandit(
                    Bandit.newBuilder()
                        .setKey("k")
                        .addArms(Arm.newBuilder().setId("a"))
                        .addArms(Arm.newBuilder().setId("b"))
                        .setPolicy(
                            PolicyConfig.newBuilder()
                                .setThompsonBernoulli(ThompsonBernoulli.getDefaultInstance())))
                .build());
    reward(
        replica
            .bandits()
            .select(SelectRequest.newBuilder().setBanditKey("k").build())
            .getDecisionId());

    proxy.cut();
    Thread.sleep(100);
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
        () ->
            replica
                .admin()
                .createBandit(
                    CreateBanditRequest.newBuilder()
                        .setBandit(
                            Bandit.newBuilder()
                                .setKey("during-outage")
                                .addArms(Arm.newBuilder().setId("a"))
                                .setPolicy(
                                    PolicyConfig.newBuilder()
                                        .setThompsonBernoulli(
                                            ThompsonBernoulli.getDefaultInstance())))
                        .build()));

    proxy.restore();
    double before = waitForRedis();
    assertEquals(1.0, before, "the rejected reward changed nothing");
    assertFalse(reward(decision).getDuplicate(), "the retry applies the reward");
    assertTrue(reward(decision).getDuplicate(), "and a second retry counts nothing");
    assertEquals(2.0, pulls());
  }

  private double waitForRedis() throws InterruptedException {
    long deadline = System.currentTimeMillis() + 15_000;
    while (true) {
      try {
        return pulls();
      } catch (StatusRuntimeException e) {
        if (System.currentTimeMillis() > deadline) {
          throw e;
        }
        Thread.sleep(50);
      }
    }
  }
}
