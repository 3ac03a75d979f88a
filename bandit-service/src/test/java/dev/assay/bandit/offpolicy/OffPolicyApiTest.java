package dev.assay.bandit.offpolicy;

import static dev.assay.runtime.testing.GrpcAssertions.assertInvalid;
import static dev.assay.runtime.testing.GrpcAssertions.assertStatus;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assay.bandit.store.InMemoryBanditStore;
import dev.assay.bandit.testing.InProcessBandit;
import dev.assay.bandit.testing.ProtoBandits;
import dev.assay.bandit.v1.EpsilonGreedy;
import dev.assay.bandit.v1.EvaluatePolicyRequest;
import dev.assay.bandit.v1.EvaluatePolicyResponse;
import dev.assay.bandit.v1.LoggedDecisions;
import dev.assay.bandit.v1.PolicyConfig;
import dev.assay.bandit.v1.RecordRewardRequest;
import dev.assay.bandit.v1.SelectRequest;
import dev.assay.bandit.v1.SelectResponse;
import dev.assay.bandit.v1.TargetPolicy;
import dev.assay.bandit.v1.Ucb1;
import io.grpc.Status;
import java.time.Duration;
import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Off-policy evaluation through gRPC, on the service's own decision log and on caller records. */
class OffPolicyApiTest {
  private InProcessBandit service;

  @BeforeEach
  void start() {
    service = new InProcessBandit(new InMemoryBanditStore(100_000), Duration.ofMillis(10));
  }

  @AfterEach
  void stop() {
    service.close();
  }

  private void create(String key, PolicyConfig policy) {
    service.create(ProtoBandits.bandit(key, policy, "a", "b"));
  }

  @Test
  void theServiceLogEvaluatesAFixedArmAndAnotherBandit() {
    // an epsilon-greedy logger explores a lot (epsilon 0.5), so both arms are well covered
    create(
        "logger",
        PolicyConfig.newBuilder()
            .setEpsilonGreedy(EpsilonGreedy.newBuilder().setEpsilon(0.5))
            .build());
    create("candidate", PolicyConfig.newBuilder().setUcb1(Ucb1.getDefaultInstance()).build());
    Well19937c rng = new Well19937c(5);
    int n = 3_000;
    for (int i = 0; i < n; i++) {
      SelectResponse s =
          service.bandits().select(SelectRequest.newBuilder().setBanditKey("logger").build());
      double mean = s.getArmId().equals("a") ? 0.2 : 0.7;
      service
          .bandits()
          .recordReward(
              RecordRewardRequest.newBuilder()
                  .setDecisionId(s.getDecisionId())
                  .setReward(rng.nextDouble() < mean ? 1 : 0)
                  .build());
    }
    EvaluatePolicyResponse fixedA =
        service
            .offPolicy()
            .evaluatePolicy(
                EvaluatePolicyRequest.newBuilder()
                    .setLoggedBanditKey("logger")
                    .setTarget(TargetPolicy.newBuilder().setFixedArmId("a"))
                    .build());
    assertEquals(n, fixedA.getDecisionCount());
    // within 4 standard errors (interval coverage itself is tested, seeded, in
    // OffPolicyEstimatorsTest)
    for (var e :
        java.util.List.of(
            fixedA.getIps(), fixedA.getSelfNormalizedIps(), fixedA.getDoublyRobust())) {
      assertTrue(Math.abs(e.getValue() - 0.2) <= 4 * e.getStandardError(), e.toString());
      assertTrue(
          e.getIntervalLower() < e.getValue() && e.getValue() < e.getIntervalUpper(), e.toString());
    }
    // the untrained UCB1 candidate ties both arms: its value is the uniform mixture, 0.45
    EvaluatePolicyResponse candidate =
        service
            .offPolicy()
            .evaluatePolicy(
                EvaluatePolicyRequest.newBuilder()
                    .setLoggedBanditKey("logger")
                    .setTarget(TargetPolicy.newBuilder().setBanditKey("candidate"))
                    .build());
    assertTrue(
        Math.abs(candidate.getDoublyRobust().getValue() - 0.45)
            <= 4 * candidate.getDoublyRobust().getStandardError(),
        candidate.toString());
  }

  @Test
  void aConfiguredPolicyIsEvaluatedInTheStateTheRecordsImply() {
    // uniform logging over two arms; arm b pays 0.7, arm a 0.2
    Well19937c rng = new Well19937c(9);
    LoggedDecisions.Builder records = LoggedDecisions.newBuilder();
    for (int i = 0; i < 4_000; i++) {
      boolean b = rng.nextBoolean();
      records
          .addDecisionsBuilder()
          .setArmId(b ? "b" : "a")
          .setPropensity(0.5)
          .setReward(rng.nextDouble() < (b ? 0.7 : 0.2) ? 1 : 0);
    }
    // pure greedy (epsilon 0, no prior) on these records' statistics always plays b
    PolicyConfig greedy =
        PolicyConfig.newBuilder()
            .setEpsilonGreedy(EpsilonGreedy.newBuilder().setEpsilon(0).setPriorWeight(0))
            .build();
    EvaluatePolicyResponse r =
        service
            .offPolicy()
            .evaluatePolicy(
                EvaluatePolicyRequest.newBuilder()
                    .setDecisions(records)
                    .setTarget(TargetPolicy.newBuilder().setPolicy(greedy))
                    .build());
    assertTrue(
        Math.abs(r.getDoublyRobust().getValue() - 0.7)
            <= 4 * r.getDoublyRobust().getStandardError(),
        r.toString());
    assertTrue(r.getIps().getValue() > r.getLoggedMeanReward(), "greedy beats the uniform logger");
    assertInvalid(
        () ->
            service
                .offPolicy()
                .evaluatePolicy(
                    EvaluatePolicyRequest.newBuilder()
                        .setDecisions(records)
                        .setTarget(
                            TargetPolicy.newBuilder()
                                .setPolicy(
                                    PolicyConfig.newBuilder()
                                        .setEpsilonGreedy(
                                            EpsilonGreedy.newBuilder().setEpsilon(2))))
                        .build()),
        "target.policy.epsilon_greedy.epsilon");
  }

  @Test
  void callerRecordsAreChecked() {
    LoggedDecisions.Builder records = LoggedDecisions.newBuilder();
    records.addDecisionsBuilder().setArmId("a").setPropensity(0.5).setReward(1);
    records.addDecisionsBuilder().setArmId("b").setPropensity(0).setReward(0);
    assertInvalid(
        () ->
            service
                .offPolicy()
                .evaluatePolicy(
                    EvaluatePolicyRequest.newBuilder()
                        .setDecisions(records)
                        .setTarget(TargetPolicy.newBuilder().setUniform(true))
                        .build()),
        "decisions.decisions[1].propensity");
    LoggedDecisions.Builder one = LoggedDecisions.newBuilder();
    one.addDecisionsBuilder().setArmId("a").setPropensity(0.5).setReward(1);
    assertStatus(
        Status.Code.FAILED_PRECONDITION,
        () ->
            service
                .offPolicy()
                .evaluatePolicy(
                    EvaluatePolicyRequest.newBuilder()
                        .setDecisions(one)
                        .setTarget(TargetPolicy.newBuilder().setUniform(true))
                        .build()));
    assertInvalid(
        () ->
            service
                .offPolicy()
                .evaluatePolicy(EvaluatePolicyRequest.newBuilder().setDecisions(one).build()),
        "target");
    records.getDecisionsBuilder(1).setPropensity(0.5);
    EvaluatePolicyResponse uniform =
        service
            .offPolicy()
            .evaluatePolicy(
                EvaluatePolicyRequest.newBuilder()
                    .setDecisions(records)
                    .setTarget(TargetPolicy.newBuilder().setUniform(true))
                    .build());
    assertEquals(0.5, uniform.getIps().getValue(), 1e-12);
    assertEquals(2, uniform.getDecisionCount());
  }
}
