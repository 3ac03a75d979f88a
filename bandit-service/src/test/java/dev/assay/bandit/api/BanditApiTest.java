package dev.assay.bandit.api;

import static dev.assay.bandit.testing.ProtoBandits.bandit;
import static dev.assay.bandit.testing.ProtoBandits.thompsonBernoulli;
import static dev.assay.runtime.testing.GrpcAssertions.assertInvalid;
import static dev.assay.runtime.testing.GrpcAssertions.assertStatus;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.FieldMask;
import com.google.protobuf.util.Durations;
import dev.assay.bandit.store.InMemoryBanditStore;
import dev.assay.bandit.testing.InProcessBandit;
import dev.assay.bandit.v1.ArchiveBanditRequest;
import dev.assay.bandit.v1.Arm;
import dev.assay.bandit.v1.ArmReward;
import dev.assay.bandit.v1.ArmSummary;
import dev.assay.bandit.v1.BackfillRewardsRequest;
import dev.assay.bandit.v1.Bandit;
import dev.assay.bandit.v1.BanditState;
import dev.assay.bandit.v1.EpsilonGreedy;
import dev.assay.bandit.v1.GetBanditRequest;
import dev.assay.bandit.v1.InspectBanditRequest;
import dev.assay.bandit.v1.InspectBanditResponse;
import dev.assay.bandit.v1.LinUcb;
import dev.assay.bandit.v1.ListBanditsRequest;
import dev.assay.bandit.v1.ListBanditsResponse;
import dev.assay.bandit.v1.PolicyConfig;
import dev.assay.bandit.v1.PropensityMethod;
import dev.assay.bandit.v1.RecordRewardRequest;
import dev.assay.bandit.v1.RecordRewardResponse;
import dev.assay.bandit.v1.RecordRewardsRequest;
import dev.assay.bandit.v1.ResetBanditRequest;
import dev.assay.bandit.v1.RewardEntry;
import dev.assay.bandit.v1.SelectRequest;
import dev.assay.bandit.v1.SelectResponse;
import dev.assay.bandit.v1.StreamRewardsRequest;
import dev.assay.bandit.v1.StreamRewardsResponse;
import dev.assay.bandit.v1.Ucb1;
import dev.assay.bandit.v1.UpdateBanditRequest;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The bandit gRPC API end to end on an in-process server over the in-memory store. */
class BanditApiTest {
  private InProcessBandit service;

  @BeforeEach
  void start() {
    service = new InProcessBandit(new InMemoryBanditStore(1000), Duration.ofMillis(20));
  }

  @AfterEach
  void stop() {
    service.close();
  }

  private void create(Bandit.Builder b) {
    service.create(b);
  }

  private RecordRewardResponse reward(String decisionId, double reward) {
    return service
        .bandits()
        .recordReward(
            RecordRewardRequest.newBuilder().setDecisionId(decisionId).setReward(reward).build());
  }

  private SelectResponse select(String key) {
    return service.bandits().select(SelectRequest.newBuilder().setBanditKey(key).build());
  }

  private ArmSummary arm(String key, String armId) {
    InspectBanditResponse r =
        service
            .bandits()
            .inspectBandit(InspectBanditRequest.newBuilder().setBanditKey(key).build());
    return r.getArmsList().stream()
        .filter(a -> a.getArmId().equals(armId))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void selectRewardInspectRoundTrip() {
    create(bandit("home", thompsonBernoulli(), "red", "blue"));
    SelectResponse s = select("home");
    assertTrue(Set.of("red", "blue").contains(s.getArmId()));
    assertEquals(PropensityMethod.PROPENSITY_METHOD_MONTE_CARLO, s.getPropensityMethod());
    assertEquals(2_000, s.getPropensitySamples());
    assertEquals(0.5, s.getPropensity(), 5 * 0.5 / Math.sqrt(2_000));
    assertTrue(s.getPropensityStandardError() > 0);

    var first = reward(s.getDecisionId(), 1);
    var retry = reward(s.getDecisionId(), 1);
    assertFalse(first.getDuplicate());
    assertTrue(retry.getDuplicate());

    ArmSummary summary = arm("home", s.getArmId());
    assertEquals(1.0, summary.getPulls());
    assertEquals(2.0, summary.getPosteriorOrThrow("alpha"));
    assertEquals(1.0, summary.getPosteriorOrThrow("beta"));
    assertEquals(2.0 / 3, summary.getMean(), 1e-12);
    assertTrue(
        summary.getIntervalLower() < summary.getMean()
            && summary.getMean() < summary.getIntervalUpper());
    assertTrue(summary.getProbabilityBest() > 0.5, "the rewarded arm is more likely best");
  }

  @Test
  void unknownExpiredAndOutOfRangeRewardsAreRejected() {
    create(bandit("home", thompsonBernoulli(), "red", "blue"));
    assertStatus(Status.Code.INVALID_ARGUMENT, () -> reward("not-a-decision", 1));
    SelectResponse s = select("home");
    assertInvalid(() -> reward(s.getDecisionId(), 1.5), "reward");
    service.clock().advance(Duration.ofHours(1).plusMillis(1));
    assertStatus(Status.Code.FAILED_PRECONDITION, () -> reward(s.getDecisionId(), 1));
    assertEquals(0.0, arm("home", s.getArmId()).getPulls());
  }

  @Test
  void aBatchWithOneBadEntryChangesNothing() {
    create(bandit("home", thompsonBernoulli(), "red", "blue"));
    SelectResponse a = select("home");
    SelectResponse b = select("home");
    assertInvalid(
        () ->
            service
                .bandits()
                .recordRewards(
                    RecordRewardsRequest.newBuilder()
                        .addRewards(
                            RewardEntry.newBuilder().setDecisionId(a.getDecisionId()).setReward(1))
                        .addRewards(
                            RewardEntry.newBuilder().setDecisionId(b.getDecisionId()).setReward(-1))
                        .build()),
        "rewards[1].reward");
    assertEquals(0.0, arm("home", "red").getPulls() + arm("home", "blue").getPulls());
    var ok =
        service
            .bandits()
            .recordRewards(
                RecordRewardsRequest.newBuilder()
                    .addRewards(
                        RewardEntry.newBuilder().setDecisionId(a.getDecisionId()).setReward(1))
                    .addRewards(
                        RewardEntry.newBuilder().setDecisionId(b.getDecisionId()).setReward(0))
                    .addRewards(
                        RewardEntry.newBuilder().setDecisionId(a.getDecisionId()).setReward(1))
                    .build());
    assertEquals(2, ok.getAppliedCount());
    assertEquals(1, ok.getDuplicateCount());
  }

  @Test
  void streamedRewardsAreSummedUp() throws Exception {
    create(bandit("home", thompsonBernoulli(), "red", "blue"));
    CompletableFuture<StreamRewardsResponse> done = new CompletableFuture<>();
    StreamObserver<StreamRewardsRequest> stream =
        service
            .banditsAsync()
            .streamRewards(
                new StreamObserver<>() {
                  @Override
                  public void onNext(StreamRewardsResponse value) {
                    done.complete(value);
                  }

                  @Override
                  public void onError(Throwable t) {
                    done.completeExceptionally(t);
                  }

                  @Override
                  public void onCompleted() {}
                });
    String repeated = select("home").getDecisionId();
    for (int m = 0; m < 3; m++) {
      StreamRewardsRequest.Builder message = StreamRewardsRequest.newBuilder();
      for (int i = 0; i < 10; i++) {
        message.addRewards(
            RewardEntry.newBuilder()
                .setDecisionId(select("home").getDecisionId())
                .setReward(i % 2));
      }
      message.addRewards(RewardEntry.newBuilder().setDecisionId(repeated).setReward(1));
      stream.onNext(message.build());
    }
    stream.onCompleted();
    StreamRewardsResponse response = done.get(5, TimeUnit.SECONDS);
    assertEquals(31, response.getAppliedCount());
    assertEquals(2, response.getDuplicateCount());
    assertEquals(31.0, arm("home", "red").getPulls() + arm("home", "blue").getPulls());
  }

  @Test
  void backfillIsIdempotentByRequestId() {
    create(bandit("home", thompsonBernoulli(), "red", "blue"));
    BackfillRewardsRequest request =
        BackfillRewardsRequest.newBuilder()
            .setBanditKey("home")
            .setRequestId("import-1")
            .addRewards(ArmReward.newBuilder().setArmId("red").setReward(1))
            .addRewards(ArmReward.newBuilder().setArmId("red").setReward(0))
            .build();
    assertEquals(2, service.bandits().backfillRewards(request).getAppliedCount());
    assertEquals(2, service.bandits().backfillRewards(request).getDuplicateCount());
    assertEquals(2.0, arm("home", "red").getPulls());
    assertInvalid(
        () ->
            service
                .bandits()
                .backfillRewards(
                    request.toBuilder()
                        .setRequestId("import-2")
                        .addRewards(ArmReward.newBuilder().setArmId("green").setReward(1))
                        .build()),
        "rewards[2].arm_id");
  }

  @Test
  void archivedBanditsRefuseSelectionButTakeOutstandingRewards() {
    create(bandit("home", thompsonBernoulli(), "red"));
    SelectResponse s = select("home");
    var archived =
        service.admin().archiveBandit(ArchiveBanditRequest.newBuilder().setKey("home").build());
    assertEquals(BanditState.BANDIT_STATE_ARCHIVED, archived.getBandit().getState());
    assertStatus(Status.Code.FAILED_PRECONDITION, () -> select("home"));
    reward(s.getDecisionId(), 1);
    assertEquals(1.0, arm("home", "red").getPulls());
  }

  @Test
  void armsCanBeAddedAndRetiredButNotRemoved() {
    create(bandit("home", thompsonBernoulli(), "red", "blue"));
    Bandit changed =
        bandit("home", thompsonBernoulli(), "red")
            .addArms(Arm.newBuilder().setId("blue").setRetired(true))
            .addArms(Arm.newBuilder().setId("green"))
            .build();
    var updated =
        service
            .admin()
            .updateBandit(
                UpdateBanditRequest.newBuilder()
                    .setBandit(changed)
                    .setUpdateMask(FieldMask.newBuilder().addPaths("arms"))
                    .build());
    assertEquals(2, updated.getBandit().getVersion());
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 200; i++) {
      seen.add(select("home").getArmId());
    }
    assertEquals(Set.of("red", "green"), seen);
    assertInvalid(
        () ->
            service
                .admin()
                .updateBandit(
                    UpdateBanditRequest.newBuilder()
                        .setBandit(bandit("home", thompsonBernoulli(), "red"))
                        .setUpdateMask(FieldMask.newBuilder().addPaths("arms"))
                        .build()),
        "bandit.arms",
        "bandit.arms");
    assertStatus(
        Status.Code.FAILED_PRECONDITION,
        () ->
            service
                .admin()
                .updateBandit(
                    UpdateBanditRequest.newBuilder()
                        .setBandit(
                            bandit(
                                "home",
                                PolicyConfig.newBuilder()
                                    .setUcb1(Ucb1.getDefaultInstance())
                                    .build()))
                        .setUpdateMask(FieldMask.newBuilder().addPaths("policy"))
                        .build()));
    assertStatus(
        Status.Code.ABORTED,
        () ->
            service
                .admin()
                .updateBandit(
                    UpdateBanditRequest.newBuilder()
                        .setBandit(bandit("home", thompsonBernoulli()).setDescription("x"))
                        .setExpectedVersion(1)
                        .setUpdateMask(FieldMask.newBuilder().addPaths("description"))
                        .build()));
  }

  @Test
  void invalidDefinitionsNameEveryBadField() {
    assertInvalid(
        () -> create(bandit("bad key!", thompsonBernoulli(), "a", "a")),
        "bandit.key",
        "bandit.arms[1].id");
    assertInvalid(
        () ->
            create(
                bandit(
                        "eg",
                        PolicyConfig.newBuilder()
                            .setEpsilonGreedy(EpsilonGreedy.newBuilder().setEpsilon(1.5))
                            .build(),
                        "a")
                    .setDecisionTtl(Durations.fromMillis(10))),
        "bandit.policy.epsilon_greedy.epsilon",
        "bandit.decision_ttl");
    assertInvalid(
        () -> create(bandit("none", PolicyConfig.getDefaultInstance(), "a")), "bandit.policy");
    create(bandit("taken", thompsonBernoulli(), "a"));
    assertStatus(
        Status.Code.ALREADY_EXISTS, () -> create(bandit("taken", thompsonBernoulli(), "a")));
    assertStatus(
        Status.Code.NOT_FOUND,
        () -> service.admin().getBandit(GetBanditRequest.newBuilder().setKey("nope").build()));
    assertStatus(Status.Code.NOT_FOUND, () -> select("nope"));
  }

  @Test
  void listingPagesThroughEveryBandit() {
    for (int i = 0; i < 5; i++) {
      create(bandit("b" + i, thompsonBernoulli(), "a"));
    }
    ListBanditsResponse first =
        service.admin().listBandits(ListBanditsRequest.newBuilder().setPageSize(3).build());
    ListBanditsResponse second =
        service
            .admin()
            .listBandits(
                ListBanditsRequest.newBuilder()
                    .setPageSize(3)
                    .setPageToken(first.getNextPageToken())
                    .build());
    assertEquals(
        List.of("b0", "b1", "b2"), first.getBanditsList().stream().map(Bandit::getKey).toList());
    assertEquals(
        List.of("b3", "b4"), second.getBanditsList().stream().map(Bandit::getKey).toList());
    assertEquals("", second.getNextPageToken());
  }

  @Test
  void ucb1PropensitiesAreExactWithTiesSplit() {
    create(
        bandit(
            "ucb",
            PolicyConfig.newBuilder().setUcb1(Ucb1.getDefaultInstance()).build(),
            "a",
            "b",
            "c",
            "d"));
    SelectResponse s = select("ucb");
    assertEquals(PropensityMethod.PROPENSITY_METHOD_EXACT, s.getPropensityMethod());
    assertEquals(0.25, s.getPropensity());
    assertEquals(0, s.getPropensitySamples());
  }

  @Test
  void linUcbNeedsAContextOfItsDimension() {
    create(
        bandit(
            "lin",
            PolicyConfig.newBuilder().setLinUcb(LinUcb.newBuilder().setDimension(2)).build(),
            "a",
            "b"));
    assertInvalid(
        () ->
            service
                .bandits()
                .select(SelectRequest.newBuilder().setBanditKey("lin").addContext(1).build()),
        "context");
    SelectResponse s =
        service
            .bandits()
            .select(
                SelectRequest.newBuilder().setBanditKey("lin").addContext(1).addContext(0).build());
    assertEquals(PropensityMethod.PROPENSITY_METHOD_EXACT, s.getPropensityMethod());
    assertEquals(0.5, s.getPropensity());
    reward(s.getDecisionId(), 3);
    ArmSummary summary = arm("lin", s.getArmId());
    assertEquals(1.5, summary.getPosteriorOrThrow("theta_0"), 1e-12, "theta = (I + xx')^-1 x y");
    assertEquals(0.0, summary.getPosteriorOrThrow("theta_1"), 1e-12);
  }

  @Test
  void resetReturnsEveryArmToThePrior() {
    create(bandit("home", thompsonBernoulli(), "red"));
    SelectResponse s = select("home");
    reward(s.getDecisionId(), 1);
    service.admin().resetBandit(ResetBanditRequest.newBuilder().setKey("home").build());
    ArmSummary red = arm("home", "red");
    assertEquals(0.0, red.getPulls());
    assertEquals(1.0, red.getPosteriorOrThrow("alpha"));
    assertNotEquals("", s.getDecisionId());
  }
}
