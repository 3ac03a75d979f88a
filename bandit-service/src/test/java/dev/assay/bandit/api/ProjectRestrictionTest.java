package dev.assay.bandit.api;

import static dev.assay.bandit.testing.ProtoBandits.bandit;
import static dev.assay.bandit.testing.ProtoBandits.thompsonBernoulli;
import static dev.assay.runtime.testing.GrpcAssertions.assertStatus;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.FieldMask;
import dev.assay.bandit.selection.DecisionToken;
import dev.assay.bandit.store.InMemoryBanditStore;
import dev.assay.bandit.testing.AsCaller;
import dev.assay.bandit.testing.InProcessBandit;
import dev.assay.bandit.v1.ArchiveBanditRequest;
import dev.assay.bandit.v1.ArmReward;
import dev.assay.bandit.v1.BackfillRewardsRequest;
import dev.assay.bandit.v1.Bandit;
import dev.assay.bandit.v1.CreateBanditRequest;
import dev.assay.bandit.v1.EvaluatePolicyRequest;
import dev.assay.bandit.v1.GetBanditRequest;
import dev.assay.bandit.v1.InspectBanditRequest;
import dev.assay.bandit.v1.ListBanditsRequest;
import dev.assay.bandit.v1.ListBanditsResponse;
import dev.assay.bandit.v1.LoggedDecision;
import dev.assay.bandit.v1.LoggedDecisions;
import dev.assay.bandit.v1.RecordRewardRequest;
import dev.assay.bandit.v1.RecordRewardsRequest;
import dev.assay.bandit.v1.ResetBanditRequest;
import dev.assay.bandit.v1.RewardEntry;
import dev.assay.bandit.v1.SelectRequest;
import dev.assay.bandit.v1.StreamRewardsRequest;
import dev.assay.bandit.v1.StreamRewardsResponse;
import dev.assay.bandit.v1.TargetPolicy;
import dev.assay.bandit.v1.UpdateBanditRequest;
import dev.assay.runtime.security.Scope;
import dev.assay.runtime.security.Security;
import dev.assay.runtime.security.SecuritySettings;
import dev.assay.runtime.testing.TestTokens;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * A token limited to projects (bandit key prefixes) reaches the bandits inside them on every RPC
 * and gets the same PERMISSION_DENIED for a bandit outside them whether it exists or not, changing
 * nothing.
 */
class ProjectRestrictionTest {
  private static final String INSIDE = "team-a.home";
  private static final String OUTSIDE = "team-b.home";
  private static final String MISSING = "team-b.ghost";

  private InProcessBandit replica;
  private AsCaller root;
  private AsCaller teamA;

  @BeforeEach
  void start() {
    replica =
        new InProcessBandit(
            new InMemoryBanditStore(1_000),
            Duration.ofMillis(20),
            clock ->
                Security.inMemory(
                    "bandit", new SecuritySettings(true, null), BanditScopes.TABLE, clock));
    root = as(EnumSet.of(Scope.ADMIN), List.of());
    teamA =
        as(
            EnumSet.of(Scope.BANDIT_SELECT, Scope.BANDIT_REWARD, Scope.BANDIT_ADMIN),
            List.of("team-a."));
    create(INSIDE);
    create(OUTSIDE);
  }

  @AfterEach
  void stop() {
    replica.close();
  }

  private AsCaller as(EnumSet<Scope> scopes, List<String> projects) {
    return new AsCaller(replica.channel(), TestTokens.create(replica.security(), scopes, projects));
  }

  private Bandit create(String key) {
    return root.admin()
        .createBandit(
            CreateBanditRequest.newBuilder()
                .setBandit(bandit(key, thompsonBernoulli(), "a", "b"))
                .build())
        .getBandit();
  }

  /** One RPC naming a bandit, made by {@code caller}, and the field that names it. */
  private record Operation(String name, String field, Call call) {}

  private interface Call {
    void on(AsCaller caller, String key);
  }

  private static List<Operation> operations() {
    return List.of(
        new Operation(
            "Select",
            "bandit_key",
            (c, key) -> c.bandits().select(SelectRequest.newBuilder().setBanditKey(key).build())),
        new Operation(
            "InspectBandit",
            "bandit_key",
            (c, key) ->
                c.bandits()
                    .inspectBandit(InspectBanditRequest.newBuilder().setBanditKey(key).build())),
        new Operation(
            "BackfillRewards",
            "bandit_key",
            (c, key) ->
                c.bandits()
                    .backfillRewards(
                        BackfillRewardsRequest.newBuilder()
                            .setBanditKey(key)
                            .setRequestId("r1")
                            .addRewards(ArmReward.newBuilder().setArmId("a").setReward(1))
                            .build())),
        new Operation(
            "GetBandit",
            "key",
            (c, key) -> c.admin().getBandit(GetBanditRequest.newBuilder().setKey(key).build())),
        new Operation(
            "UpdateBandit",
            "bandit.key",
            (c, key) ->
                c.admin()
                    .updateBandit(
                        UpdateBanditRequest.newBuilder()
                            .setBandit(Bandit.newBuilder().setKey(key).setDescription("changed"))
                            .setUpdateMask(FieldMask.newBuilder().addPaths("description"))
                            .build())),
        new Operation(
            "ResetBandit",
            "key",
            (c, key) -> c.admin().resetBandit(ResetBanditRequest.newBuilder().setKey(key).build())),
        new Operation(
            "ArchiveBandit",
            "key",
            (c, key) ->
                c.admin().archiveBandit(ArchiveBanditRequest.newBuilder().setKey(key).build())),
        new Operation(
            "EvaluatePolicy (logged bandit)",
            "logged_bandit_key",
            (c, key) ->
                c.offPolicy()
                    .evaluatePolicy(
                        EvaluatePolicyRequest.newBuilder()
                            .setLoggedBanditKey(key)
                            .setTarget(TargetPolicy.newBuilder().setUniform(true))
                            .build())),
        new Operation(
            "EvaluatePolicy (target bandit)",
            "target.bandit_key",
            (c, key) ->
                c.offPolicy()
                    .evaluatePolicy(
                        EvaluatePolicyRequest.newBuilder()
                            .setDecisions(
                                LoggedDecisions.newBuilder()
                                    .addDecisions(
                                        LoggedDecision.newBuilder()
                                            .setArmId("a")
                                            .setPropensity(0.5)
                                            .setReward(1))
                                    .addDecisions(
                                        LoggedDecision.newBuilder()
                                            .setArmId("b")
                                            .setPropensity(0.5)
                                            .setReward(0)))
                            .setTarget(TargetPolicy.newBuilder().setBanditKey(key))
                            .build())));
  }

  @Test
  void everyRpcNamingABanditServesTheBanditsInsideTheProjects() {
    for (Operation op : operations()) {
      String key = "team-a." + op.name().replaceAll("[^A-Za-z]", "");
      create(key);
      // Two rewarded decisions: enough log for an off-policy evaluation of the bandit.
      reward(teamA, decision(teamA, key));
      reward(teamA, decision(teamA, key));
      try {
        op.call().on(teamA, key);
      } catch (StatusRuntimeException e) {
        throw new AssertionError(op.name() + " inside the projects: " + e.getStatus(), e);
      }
    }
  }

  @Test
  void everyRpcNamingABanditDeniesOutsideAlikeForExistingAndMissingBanditsAndChangesNothing() {
    Bandit before = get(OUTSIDE);
    for (Operation op : operations()) {
      assertDeniedAlike(
          op.name(),
          op.field(),
          () -> op.call().on(teamA, OUTSIDE),
          () -> op.call().on(teamA, MISSING));
    }
    assertEquals(before, get(OUTSIDE), "the bandit outside is unchanged");
    assertEquals(0, pulls(OUTSIDE), "no backfill reached it");
    assertStatus(Status.Code.NOT_FOUND, () -> get(MISSING));
  }

  @Test
  void createOutsideTheProjectsIsDeniedAlikeAndCreatesNothing() {
    assertDeniedAlike(
        "CreateBandit", "bandit.key", () -> create(teamA, OUTSIDE), () -> create(teamA, MISSING));
    assertStatus(Status.Code.NOT_FOUND, () -> get(MISSING));
    assertEquals("team-a.new", create(teamA, "team-a.new").getKey());
  }

  private static Bandit create(AsCaller caller, String key) {
    return caller
        .admin()
        .createBandit(
            CreateBanditRequest.newBuilder()
                .setBandit(bandit(key, thompsonBernoulli(), "a", "b"))
                .build())
        .getBandit();
  }

  @Test
  void aRewardForADecisionOutsideTheProjectsIsDeniedAlikeAndApplyNothing() {
    String outside = decision(root, OUTSIDE);
    String missing = forgedDecision(MISSING);
    assertDeniedAlike(
        "RecordReward", "decision_id", () -> reward(teamA, outside), () -> reward(teamA, missing));
    assertEquals(0, pulls(OUTSIDE));
    reward(teamA, decision(teamA, INSIDE));
    assertEquals(1, pulls(INSIDE));
  }

  @Test
  void aBatchWithOneDecisionOutsideTheProjectsIsDeniedWholeNamingTheEntry() {
    String inside = decision(teamA, INSIDE);
    String outside = decision(root, OUTSIDE);
    assertDeniedAlike(
        "RecordRewards",
        "rewards[1].decision_id",
        () -> rewards(teamA, inside, outside),
        () -> rewards(teamA, inside, forgedDecision(MISSING)));
    assertEquals(0, pulls(INSIDE), "the entry inside was not applied either");
    assertEquals(0, pulls(OUTSIDE));
    rewards(teamA, inside);
    assertEquals(1, pulls(INSIDE));
  }

  @Test
  void aStreamEndsAtTheFirstMessageOutsideTheProjectsKeepingOnlyTheMessagesBefore() {
    String first = decision(teamA, INSIDE);
    String sameMessage = decision(teamA, INSIDE);
    String outside = decision(root, OUTSIDE);
    String later = decision(teamA, INSIDE);
    CompletableFuture<StreamRewardsResponse> done = new CompletableFuture<>();
    StreamObserver<StreamRewardsRequest> stream =
        teamA.banditsAsync().streamRewards(observer(done));
    stream.onNext(message(first));
    stream.onNext(message(sameMessage, outside));
    stream.onNext(message(later));
    stream.onCompleted();
    StatusRuntimeException error = assertStatus(Status.Code.PERMISSION_DENIED, () -> await(done));
    assertTrue(
        String.valueOf(error.getStatus().getDescription()).startsWith("rewards[1].decision_id"),
        error.getStatus().toString());
    assertEquals(1, pulls(INSIDE), "the message before applied; the denied one and later did not");
    assertEquals(0, pulls(OUTSIDE));
  }

  @Test
  void aStreamInsideTheProjectsAppliesEveryMessage() throws Exception {
    CompletableFuture<StreamRewardsResponse> done = new CompletableFuture<>();
    StreamObserver<StreamRewardsRequest> stream =
        teamA.banditsAsync().streamRewards(observer(done));
    stream.onNext(message(decision(teamA, INSIDE), decision(teamA, INSIDE)));
    stream.onNext(message(decision(teamA, INSIDE)));
    stream.onCompleted();
    assertEquals(3, done.get(10, TimeUnit.SECONDS).getAppliedCount());
    assertEquals(3, pulls(INSIDE));
  }

  @Test
  void listShowsOnlyTheBanditsInsideTheProjectsOnEveryPageSize() {
    for (String key :
        List.of("team-a", "team-a.1", "team-a.2", "team-a.3", "team-b.1", "team-b.2", "team-c.x")) {
      create(key);
    }
    for (String key : List.of("team-b.3", "team-b.4", "team-b.5", "team-b.6", "team-b.7")) {
      create(key);
    }
    AsCaller twoProjects = as(EnumSet.of(Scope.BANDIT_READ), List.of("team-a.", "team-c."));
    List<String> expected = List.of("team-a.1", "team-a.2", "team-a.3", INSIDE, "team-c.x");
    for (int pageSize : new int[] {1, 2, 3, 4, 5, 6, 100}) {
      assertEquals(expected, listAll(twoProjects, pageSize), "page size " + pageSize);
    }
    assertEquals(14, listAll(root, 3).size(), "an unrestricted token sees every bandit");
  }

  private static List<String> listAll(AsCaller caller, int pageSize) {
    List<String> keys = new ArrayList<>();
    String token = "";
    for (int pages = 0; pages < 100; pages++) {
      ListBanditsResponse page =
          caller
              .admin()
              .listBandits(
                  ListBanditsRequest.newBuilder()
                      .setPageSize(pageSize)
                      .setPageToken(token)
                      .build());
      assertTrue(page.getBanditsCount() <= pageSize, "page within its size");
      page.getBanditsList().forEach(b -> keys.add(b.getKey()));
      token = page.getNextPageToken();
      if (token.isEmpty()) {
        return keys;
      }
    }
    throw new AssertionError("more than 100 pages");
  }

  /**
   * Both calls are PERMISSION_DENIED with the same description, naming {@code field}: the answer
   * says nothing about whether the bandit exists.
   */
  private static void assertDeniedAlike(
      String name, String field, Executable existing, Executable missing) {
    Status a = assertStatus(Status.Code.PERMISSION_DENIED, existing).getStatus();
    Status b = assertStatus(Status.Code.PERMISSION_DENIED, missing).getStatus();
    assertEquals(a.getDescription(), b.getDescription(), name);
    assertTrue(String.valueOf(a.getDescription()).startsWith(field + ":"), name + ": " + a);
  }

  private Bandit get(String key) {
    return root.admin().getBandit(GetBanditRequest.newBuilder().setKey(key).build()).getBandit();
  }

  private double pulls(String key) {
    return root
        .bandits()
        .inspectBandit(InspectBanditRequest.newBuilder().setBanditKey(key).build())
        .getArmsList()
        .stream()
        .mapToDouble(a -> a.getPulls())
        .sum();
  }

  private static String decision(AsCaller caller, String key) {
    return caller
        .bandits()
        .select(SelectRequest.newBuilder().setBanditKey(key).build())
        .getDecisionId();
  }

  /** A validly signed id for a bandit that does not exist (no Select could have made it). */
  private String forgedDecision(String key) {
    long expires = replica.clock().millis() + 60_000;
    return replica.sign(new DecisionToken(key, "a", 0.5, new double[0], expires, 1, 2));
  }

  private static void reward(AsCaller caller, String decisionId) {
    caller
        .bandits()
        .recordReward(
            RecordRewardRequest.newBuilder().setDecisionId(decisionId).setReward(1).build());
  }

  private static void rewards(AsCaller caller, String... decisionIds) {
    RecordRewardsRequest.Builder request = RecordRewardsRequest.newBuilder();
    for (String id : decisionIds) {
      request.addRewards(RewardEntry.newBuilder().setDecisionId(id).setReward(1));
    }
    caller.bandits().recordRewards(request.build());
  }

  private static StreamRewardsRequest message(String... decisionIds) {
    StreamRewardsRequest.Builder message = StreamRewardsRequest.newBuilder();
    for (String id : decisionIds) {
      message.addRewards(RewardEntry.newBuilder().setDecisionId(id).setReward(1));
    }
    return message.build();
  }

  private static StreamObserver<StreamRewardsResponse> observer(
      CompletableFuture<StreamRewardsResponse> done) {
    Consumer<StreamRewardsResponse> last = done::complete;
    return new StreamObserver<>() {
      @Override
      public void onNext(StreamRewardsResponse value) {
        last.accept(value);
      }

      @Override
      public void onError(Throwable t) {
        done.completeExceptionally(t);
      }

      @Override
      public void onCompleted() {}
    };
  }

  private static void await(CompletableFuture<StreamRewardsResponse> done) throws Throwable {
    try {
      done.get(10, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      throw e.getCause();
    }
  }
}
