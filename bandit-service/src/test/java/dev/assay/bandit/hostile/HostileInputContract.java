package dev.assay.bandit.hostile;

import static dev.assay.bandit.testing.ProtoBandits.bandit;
import static dev.assay.bandit.testing.ProtoBandits.thompsonBernoulli;
import static dev.assay.bandit.testing.ProtoBandits.thompsonGaussian;
import static dev.assay.runtime.testing.GrpcAssertions.assertInvalid;
import static dev.assay.runtime.testing.GrpcAssertions.assertStatus;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assay.bandit.selection.DecisionToken;
import dev.assay.bandit.store.BanditStore;
import dev.assay.bandit.testing.InProcessBandit;
import dev.assay.bandit.v1.ArmReward;
import dev.assay.bandit.v1.BackfillRewardsRequest;
import dev.assay.bandit.v1.Bandit;
import dev.assay.bandit.v1.EvaluatePolicyRequest;
import dev.assay.bandit.v1.GetBanditRequest;
import dev.assay.bandit.v1.InspectBanditRequest;
import dev.assay.bandit.v1.LinUcb;
import dev.assay.bandit.v1.LoggedDecision;
import dev.assay.bandit.v1.LoggedDecisions;
import dev.assay.bandit.v1.PolicyConfig;
import dev.assay.bandit.v1.RecordRewardRequest;
import dev.assay.bandit.v1.RecordRewardsRequest;
import dev.assay.bandit.v1.RecordRewardsResponse;
import dev.assay.bandit.v1.RewardEntry;
import dev.assay.bandit.v1.SelectRequest;
import dev.assay.bandit.v1.TargetPolicy;
import dev.assay.bandit.v1.ThompsonBernoulli;
import dev.assay.bandit.v1.ThompsonGaussian;
import io.grpc.Status;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Regression tests for the bandit defects of issue 10 ("Hostile input"), through gRPC, run against
 * memory and the real Redis: each names the input that crashed, half-applied or was stored.
 */
abstract class HostileInputContract {
  InProcessBandit service;

  /** A fresh, empty store. */
  abstract BanditStore newStore();

  /** Releases what {@link #newStore} opened. */
  void closeStore() {}

  @BeforeEach
  void start() {
    service = new InProcessBandit(newStore(), Duration.ofMillis(20));
  }

  @AfterEach
  void stop() {
    service.close();
    closeStore();
  }

  private static PolicyConfig linUcb(int dimension, double ridge) {
    return PolicyConfig.newBuilder()
        .setLinUcb(LinUcb.newBuilder().setDimension(dimension).setRidge(ridge))
        .build();
  }

  private String select(String key, double... context) {
    SelectRequest.Builder r = SelectRequest.newBuilder().setBanditKey(key);
    Arrays.stream(context).forEach(r::addContext);
    return service.bandits().select(r.build()).getDecisionId();
  }

  private boolean reward(String decisionId, double reward) {
    return !service
        .bandits()
        .recordReward(
            RecordRewardRequest.newBuilder().setDecisionId(decisionId).setReward(reward).build())
        .getDuplicate();
  }

  private double pulls(String key) {
    return service
        .bandits()
        .inspectBandit(InspectBanditRequest.newBuilder().setBanditKey(key).build())
        .getArmsList()
        .stream()
        .mapToDouble(a -> a.getPulls())
        .sum();
  }

  private String forged(String key, String arm, double propensity, double[] context) {
    return forged(key, arm, propensity, context, System.currentTimeMillis() + 60_000);
  }

  private String forged(
      String key, String arm, double propensity, double[] context, long expiresAt) {
    return service.sign(new DecisionToken(key, arm, propensity, context, expiresAt, 1L, 2L));
  }

  @Test
  void aForgedIdWithA20000ValueContextIsRejectedBeforeItIsDecoded() {
    service.create(bandit("home", thompsonBernoulli(), "a", "b"));
    String id = forged("home", "a", 0.5, new double[20_000]);
    assertInvalid(() -> reward(id, 1), "decision_id");
    assertEquals(0.0, pulls("home"));
  }

  @Test
  void aForgedIdWithA1000ValueContextWritesNothing() {
    service.create(bandit("home", thompsonBernoulli(), "a", "b"));
    String id = forged("home", "a", 0.5, new double[1_000]);
    assertInvalid(() -> reward(id, 1), "decision_id");
    assertEquals(0.0, pulls("home"));
  }

  @Test
  void aForgedIdMustFitTheBandit() {
    service.create(bandit("home", thompsonBernoulli(), "a", "b"));
    long now = System.currentTimeMillis();
    // well formed, but not this bandit's: FAILED_PRECONDITION
    assertStatus(
        Status.Code.FAILED_PRECONDITION,
        () -> reward(forged("home", "zzz", 0.5, new double[0]), 1));
    assertStatus(
        Status.Code.FAILED_PRECONDITION,
        () -> reward(forged("home", "a", 0.5, new double[] {1, 2, 3}), 1));
    // contents no Select returns: INVALID_ARGUMENT naming the id
    assertInvalid(() -> reward(forged("home", "a", 2.0, new double[0]), 1), "decision_id");
    assertInvalid(() -> reward(forged("home", "a", -0.1, new double[0]), 1), "decision_id");
    assertInvalid(() -> reward(forged("home", "a", Double.NaN, new double[0]), 1), "decision_id");
    assertInvalid(
        () ->
            reward(
                forged("home", "a", 0.5, new double[0], now + Duration.ofDays(400).toMillis()), 1),
        "decision_id");
    assertInvalid(
        () -> reward(forged("home", "a", 0.5, new double[] {Double.NaN}), 1), "decision_id");
    assertInvalid(() -> reward(forged("home}:x", "a", 0.5, new double[0]), 1), "decision_id");
    assertInvalid(() -> reward("x".repeat(100_000), 1), "decision_id");
    assertStatus(Status.Code.NOT_FOUND, () -> reward(forged("nope", "a", 0.5, new double[0]), 1));
    assertEquals(0.0, pulls("home"));
  }

  @Test
  void linUcbRidgeThatBreaksTheInverseIsRejectedAndNotStored() {
    for (double ridge : new double[] {1e-300, Double.MIN_VALUE, 1e300, Double.NaN}) {
      assertInvalid(
          () -> service.create(bandit("ranker", linUcb(3, ridge), "a", "b")),
          "bandit.policy.lin_ucb.ridge");
    }
    assertStatus(
        Status.Code.NOT_FOUND,
        () -> service.admin().getBandit(GetBanditRequest.newBuilder().setKey("ranker").build()));
  }

  @Test
  void extremePriorsAreRejectedAndNotStored() {
    assertInvalid(
        () ->
            service.create(
                bandit(
                    "g",
                    PolicyConfig.newBuilder()
                        .setThompsonGaussian(ThompsonGaussian.newBuilder().setPriorMean(1e308))
                        .build(),
                    "a")),
        "bandit.policy.thompson_gaussian.prior_mean");
    for (double prior : new double[] {1e308, 1e-300}) {
      assertInvalid(
          () ->
              service.create(
                  bandit(
                      "b",
                      PolicyConfig.newBuilder()
                          .setThompsonBernoulli(
                              ThompsonBernoulli.newBuilder()
                                  .setPriorAlpha(prior)
                                  .setPriorBeta(prior))
                          .build(),
                      "a")),
          "bandit.policy.thompson_bernoulli.prior_alpha",
          "bandit.policy.thompson_bernoulli.prior_beta");
    }
    for (String key : List.of("g", "b")) {
      assertStatus(
          Status.Code.NOT_FOUND,
          () -> service.admin().getBandit(GetBanditRequest.newBuilder().setKey(key).build()));
    }
  }

  @Test
  void aRewardWhoseSquareOverflowsIsRejectedAndNotLost() {
    service.create(bandit("g", thompsonGaussian(), "a"));
    String id = select("g");
    for (double bad : new double[] {1e200, 1e308, -1e308, 1e10}) {
      assertInvalid(() -> reward(id, bad), "reward");
    }
    assertTrue(reward(id, 3.5), "the decision's reward is still taken");
    assertEquals(1.0, pulls("g"));
  }

  @Test
  void aLinUcbContextWhoseProductsOverflowIsRejected() {
    service.create(bandit("ranker", linUcb(3, 1), "a", "b"));
    assertInvalid(() -> select("ranker", 1e308, 1, 1), "context[0]");
    assertInvalid(
        () ->
            service
                .bandits()
                .backfillRewards(
                    BackfillRewardsRequest.newBuilder()
                        .setBanditKey("ranker")
                        .setRequestId("r1")
                        .addRewards(
                            ArmReward.newBuilder()
                                .setArmId("a")
                                .setReward(1)
                                .addAllContext(List.of(1.0, 1e308, 1.0)))
                        .build()),
        "rewards[0].context[1]");
    String forged = forged("ranker", "a", 1.0, new double[] {1e308, 1, 1});
    assertInvalid(() -> reward(forged, 1), "decision_id");
    assertEquals(0.0, pulls("ranker"));
  }

  @Test
  void aBatchOfFiveGoodRewardsAndOneOverflowingIsRejectedWholeAndLosesNone() {
    service.create(bandit("g", thompsonGaussian(), "a", "b"));
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      ids.add(select("g"));
    }
    RecordRewardsRequest.Builder batch = RecordRewardsRequest.newBuilder();
    for (int i = 0; i < 6; i++) {
      batch.addRewards(
          RewardEntry.newBuilder().setDecisionId(ids.get(i)).setReward(i == 5 ? 1e200 : i));
    }
    assertInvalid(() -> service.bandits().recordRewards(batch.build()), "rewards[5].reward");
    assertEquals(0.0, pulls("g"));
    batch.setRewards(5, RewardEntry.newBuilder().setDecisionId(ids.get(5)).setReward(5));
    RecordRewardsResponse retried = service.bandits().recordRewards(batch.build());
    assertEquals(6, retried.getAppliedCount());
    assertEquals(6.0, pulls("g"));
  }

  @Test
  void offPolicyWorkIsBoundedForCallerRecords() {
    LoggedDecisions.Builder log = LoggedDecisions.newBuilder();
    for (int i = 0; i < 20_000; i++) {
      log.addDecisions(
          LoggedDecision.newBuilder()
              .setArmId("arm" + (i % 1_000))
              .setPropensity(0.5)
              .setReward(1));
    }
    EvaluatePolicyRequest request =
        EvaluatePolicyRequest.newBuilder()
            .setDecisions(log)
            .setTarget(TargetPolicy.newBuilder().setUniform(true))
            .build();
    assertInvalid(() -> service.offPolicy().evaluatePolicy(request), "decisions.decisions");
  }

  @Test
  void offPolicyRecordsWithATinyPropensityAreRejectedNotAnsweredWithInfinity() {
    LoggedDecisions log =
        LoggedDecisions.newBuilder()
            .addDecisions(
                LoggedDecision.newBuilder().setArmId("a").setPropensity(1e-300).setReward(1e9))
            .addDecisions(LoggedDecision.newBuilder().setArmId("b").setPropensity(0.5).setReward(1))
            .build();
    EvaluatePolicyRequest request =
        EvaluatePolicyRequest.newBuilder()
            .setDecisions(log)
            .setTarget(TargetPolicy.newBuilder().setFixedArmId("a"))
            .build();
    assertInvalid(
        () -> service.offPolicy().evaluatePolicy(request), "decisions.decisions[0].propensity");
  }

  @Test
  void aRejectedCreateStoresNothingAndTheServerKeepsAnswering() {
    Bandit.Builder huge =
        bandit("long", thompsonBernoulli(), "a").setDescription("d".repeat(100_000));
    assertInvalid(() -> service.create(huge), "bandit.description");
    assertFalse(
        service
            .admin()
            .listBandits(dev.assay.bandit.v1.ListBanditsRequest.getDefaultInstance())
            .getBanditsList()
            .stream()
            .anyMatch(b -> b.getKey().equals("long")));
  }
}
