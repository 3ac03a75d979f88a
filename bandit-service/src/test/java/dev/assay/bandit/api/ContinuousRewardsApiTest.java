package dev.assay.bandit.api;

import static dev.assay.bandit.testing.ProtoBandits.bandit;
import static dev.assay.bandit.testing.ProtoBandits.thompsonGaussian;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.util.Durations;
import dev.assay.bandit.store.InMemoryBanditStore;
import dev.assay.bandit.testing.InProcessBandit;
import dev.assay.bandit.v1.ArmReward;
import dev.assay.bandit.v1.ArmSummary;
import dev.assay.bandit.v1.BackfillRewardsRequest;
import dev.assay.bandit.v1.InspectBanditRequest;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Continuous rewards (Normal-Gamma Thompson sampling) and discounting through the API. */
class ContinuousRewardsApiTest {
  private InProcessBandit service;

  @BeforeEach
  void start() {
    service = new InProcessBandit(new InMemoryBanditStore(100), Duration.ofMillis(20));
  }

  @AfterEach
  void stop() {
    service.close();
  }

  private ArmSummary inspect(String key, int arm) {
    return service
        .bandits()
        .inspectBandit(InspectBanditRequest.newBuilder().setBanditKey(key).build())
        .getArms(arm);
  }

  private void backfill(String key, String requestId, String arm, double... rewards) {
    BackfillRewardsRequest.Builder request =
        BackfillRewardsRequest.newBuilder().setBanditKey(key).setRequestId(requestId);
    for (double r : rewards) {
      request.addRewards(ArmReward.newBuilder().setArmId(arm).setReward(r));
    }
    service.bandits().backfillRewards(request.build());
  }

  @Test
  void gaussianThompsonReportsTheNormalGammaPosterior() {
    service.create(bandit("revenue", thompsonGaussian(), "x", "y"));
    backfill("revenue", "r1", "x", 1, 2, 3);
    backfill("revenue", "r2", "y", 10, 12, 11, 9, 13);
    ArmSummary x = inspect("revenue", 0);
    assertEquals(1.5, x.getMean(), 1e-12);
    assertEquals(4.0, x.getPosteriorOrThrow("precision_weight"), 1e-12);
    assertEquals(2.5, x.getPosteriorOrThrow("shape"), 1e-12);
    assertEquals(3.5, x.getPosteriorOrThrow("rate"), 1e-12);
    assertTrue(inspect("revenue", 1).getProbabilityBest() > 0.99);
  }

  @Test
  void discountingHalvesOldRewardsEveryHalfLife() {
    service.create(
        bandit("drift", thompsonGaussian(), "x").setDiscountHalfLife(Durations.fromSeconds(60)));
    backfill("drift", "r1", "x", 4, 4);
    service.clock().advance(Duration.ofSeconds(60));
    assertEquals(
        1.0, inspect("drift", 0).getPulls(), 1e-9, "two rewards one half-life ago weigh one");
    backfill("drift", "r2", "x", 1);
    ArmSummary x = inspect("drift", 0);
    assertEquals(2.0, x.getPulls(), 1e-9);
    assertEquals(5.0, x.getRewardSum(), 1e-9);
  }
}
