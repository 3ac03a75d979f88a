package dev.assay.assignment.security;

import static dev.assay.assignment.support.Protos.bool;
import static dev.assay.assignment.support.Protos.running;
import static dev.assay.runtime.testing.GrpcAssertions.assertStatus;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assay.assignment.api.AssignmentScopes;
import dev.assay.assignment.store.InMemoryAssignmentStore;
import dev.assay.assignment.support.AssignmentReplica;
import dev.assay.assignment.support.TokenStubs;
import dev.assay.assignment.v1.ArchiveExperimentRequest;
import dev.assay.assignment.v1.ArchiveFeatureFlagRequest;
import dev.assay.assignment.v1.BatchEvaluateRequest;
import dev.assay.assignment.v1.BatchSetOverridesRequest;
import dev.assay.assignment.v1.CreateExperimentRequest;
import dev.assay.assignment.v1.CreateFeatureFlagRequest;
import dev.assay.assignment.v1.DeleteOverrideRequest;
import dev.assay.assignment.v1.EvaluateRequest;
import dev.assay.assignment.v1.EvaluateResponse;
import dev.assay.assignment.v1.ExperimentAssignment;
import dev.assay.assignment.v1.ExperimentRule;
import dev.assay.assignment.v1.FeatureFlag;
import dev.assay.assignment.v1.FlagEvaluation;
import dev.assay.assignment.v1.FlagRule;
import dev.assay.assignment.v1.FlagValueType;
import dev.assay.assignment.v1.GetExperimentRequest;
import dev.assay.assignment.v1.GetFeatureFlagRequest;
import dev.assay.assignment.v1.ListExperimentsRequest;
import dev.assay.assignment.v1.ListExperimentsResponse;
import dev.assay.assignment.v1.ListFeatureFlagsRequest;
import dev.assay.assignment.v1.ListOverridesRequest;
import dev.assay.assignment.v1.Namespace;
import dev.assay.assignment.v1.Override;
import dev.assay.assignment.v1.OverrideTarget;
import dev.assay.assignment.v1.PreviewExperimentChangeRequest;
import dev.assay.assignment.v1.RecordExposuresRequest;
import dev.assay.assignment.v1.SetOverrideRequest;
import dev.assay.assignment.v1.StreamEvaluateRequest;
import dev.assay.assignment.v1.StreamEvaluateResponse;
import dev.assay.assignment.v1.UpdateExperimentRequest;
import dev.assay.assignment.v1.UpdateFeatureFlagRequest;
import dev.assay.runtime.security.Scope;
import dev.assay.runtime.security.Security;
import dev.assay.runtime.security.SecuritySettings;
import dev.assay.runtime.testing.MutableClock;
import dev.assay.runtime.testing.TestTokens;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * A token limited to projects (key prefixes) reaches only keys within them, on every RPC that names
 * or lists a key; outside, the answer is PERMISSION_DENIED naming the field, the same whether the
 * key exists or not, and nothing changes.
 */
class ProjectRestrictionTest {
  private final Clock clock = MutableClock.atSystemTime();
  private Security security;
  private AssignmentReplica replica;
  private TokenStubs admin;
  private TokenStubs teamA;

  @BeforeEach
  void start() {
    security =
        Security.inMemory(
            "assignment", new SecuritySettings(true, null), AssignmentScopes.TABLE, clock);
    replica = new AssignmentReplica(new InMemoryAssignmentStore(), clock, security);
    admin =
        TokenStubs.of(
            replica.channel(), TestTokens.create(security, EnumSet.of(Scope.ADMIN), List.of()));
    teamA =
        TokenStubs.of(
            replica.channel(),
            TestTokens.create(security, EnumSet.of(Scope.ADMIN), List.of("a.", "c.")));
    for (String key : List.of("a.one", "a.two", "b.one", "b.two", "c.one")) {
      admin.definitions().createExperiment(experiment(key));
      admin.definitions().createFeatureFlag(flag(key));
    }
  }

  @AfterEach
  void stop() {
    replica.close();
    security.close();
  }

  private static CreateExperimentRequest experiment(String key) {
    return CreateExperimentRequest.newBuilder().setExperiment(running(key, 0.5, 0.5)).build();
  }

  private static CreateFeatureFlagRequest flag(String key) {
    return CreateFeatureFlagRequest.newBuilder()
        .setFlag(
            FeatureFlag.newBuilder()
                .setKey(key)
                .setValueType(FlagValueType.FLAG_VALUE_TYPE_BOOL)
                .setDefaultValue(bool(false)))
        .build();
  }

  /** Refused with PERMISSION_DENIED naming {@code field}; returns the description. */
  private static String denied(String field, Executable call) {
    StatusRuntimeException e = assertStatus(Status.Code.PERMISSION_DENIED, call);
    String description = String.valueOf(e.getStatus().getDescription());
    assertTrue(description.startsWith(field + ":"), description);
    return description;
  }

  /** The same refusal for a key that exists in another project and for one that exists nowhere. */
  private static void deniedAlike(String field, Function<String, Executable> callWithKey) {
    assertEquals(
        denied(field, callWithKey.apply("b.one")), denied(field, callWithKey.apply("b.missing")));
  }

  @Test
  void getsReadInsideAndAreRefusedOutsideWhetherTheKeyExistsOrNot() {
    assertEquals(
        "a.one",
        teamA
            .definitions()
            .getExperiment(GetExperimentRequest.newBuilder().setKey("a.one").build())
            .getExperiment()
            .getKey());
    assertStatus(
        Status.Code.NOT_FOUND,
        () ->
            teamA
                .definitions()
                .getExperiment(GetExperimentRequest.newBuilder().setKey("a.missing").build()));
    deniedAlike(
        "key",
        key ->
            () ->
                teamA
                    .definitions()
                    .getExperiment(GetExperimentRequest.newBuilder().setKey(key).build()));
    deniedAlike(
        "key",
        key ->
            () ->
                teamA
                    .definitions()
                    .getFeatureFlag(GetFeatureFlagRequest.newBuilder().setKey(key).build()));
    deniedAlike(
        "experiment.key",
        key ->
            () ->
                teamA
                    .definitions()
                    .previewExperimentChange(
                        PreviewExperimentChangeRequest.newBuilder()
                            .setExperiment(running(key, 0.5, 0.5))
                            .build()));
  }

  @Test
  void writesOutsideAreRefusedAndChangeNothing() {
    deniedAlike(
        "experiment.key", key -> () -> teamA.definitions().createExperiment(experiment(key)));
    deniedAlike("flag.key", key -> () -> teamA.definitions().createFeatureFlag(flag(key)));
    deniedAlike(
        "experiment.key",
        key ->
            () ->
                teamA
                    .definitions()
                    .updateExperiment(
                        UpdateExperimentRequest.newBuilder()
                            .setExperiment(running(key, 0.5, 0.5).setName("taken over"))
                            .build()));
    deniedAlike(
        "flag.key",
        key ->
            () ->
                teamA
                    .definitions()
                    .updateFeatureFlag(
                        UpdateFeatureFlagRequest.newBuilder()
                            .setFlag(flag(key).getFlag().toBuilder().setKilled(true))
                            .build()));
    deniedAlike(
        "key",
        key ->
            () ->
                teamA
                    .definitions()
                    .archiveExperiment(ArchiveExperimentRequest.newBuilder().setKey(key).build()));
    deniedAlike(
        "key",
        key ->
            () ->
                teamA
                    .definitions()
                    .archiveFeatureFlag(
                        ArchiveFeatureFlagRequest.newBuilder().setKey(key).build()));

    var stored =
        admin
            .definitions()
            .getExperiment(GetExperimentRequest.newBuilder().setKey("b.one").build())
            .getExperiment();
    assertEquals(1, stored.getVersion());
    assertFalse(stored.getArchived());
    var flag =
        admin
            .definitions()
            .getFeatureFlag(GetFeatureFlagRequest.newBuilder().setKey("b.one").build())
            .getFlag();
    assertEquals(1, flag.getVersion());
    assertStatus(
        Status.Code.NOT_FOUND,
        () ->
            admin
                .definitions()
                .getExperiment(GetExperimentRequest.newBuilder().setKey("b.missing").build()));
  }

  @Test
  void writesInsideWork() {
    var created = teamA.definitions().createExperiment(experiment("a.new")).getExperiment();
    assertEquals(1, created.getVersion());
    var updated =
        teamA
            .definitions()
            .updateExperiment(
                UpdateExperimentRequest.newBuilder()
                    .setExperiment(running("c.one", 0.5, 0.5).setName("renamed"))
                    .build())
            .getExperiment();
    assertEquals("renamed", updated.getName());
    assertTrue(
        teamA
            .definitions()
            .archiveFeatureFlag(ArchiveFeatureFlagRequest.newBuilder().setKey("a.two").build())
            .getFlag()
            .getArchived());
  }

  @Test
  void listsShowOnlyTheCallersProjectsAndPageThroughThem() {
    List<String> seen = new ArrayList<>();
    String token = "";
    do {
      ListExperimentsResponse page =
          teamA
              .definitions()
              .listExperiments(
                  ListExperimentsRequest.newBuilder().setPageSize(1).setPageToken(token).build());
      assertTrue(page.getExperimentsCount() <= 1);
      page.getExperimentsList().forEach(e -> seen.add(e.getKey()));
      token = page.getNextPageToken();
    } while (!token.isEmpty());
    assertEquals(List.of("a.one", "a.two", "c.one"), seen);

    var flags = teamA.definitions().listFeatureFlags(ListFeatureFlagsRequest.newBuilder().build());
    assertEquals(
        List.of("a.one", "a.two", "c.one"),
        flags.getFlagsList().stream().map(FeatureFlag::getKey).toList());
    assertEquals(
        5,
        admin
            .definitions()
            .listExperiments(ListExperimentsRequest.getDefaultInstance())
            .getExperimentsCount());
  }

  @Test
  void evaluatingEverythingMeansEverythingWithinTheProjects() {
    EvaluateResponse all =
        teamA.evaluation().evaluate(EvaluateRequest.newBuilder().setUnitId("u1").build());
    assertEquals(
        List.of("a.one", "a.two", "c.one"),
        all.getAssignmentsList().stream().map(ExperimentAssignment::getExperimentKey).toList());
    assertEquals(
        List.of("a.one", "a.two", "c.one"),
        all.getFlagsList().stream().map(FlagEvaluation::getFlagKey).toList());
    assertEquals(
        5,
        admin
            .evaluation()
            .evaluate(EvaluateRequest.newBuilder().setUnitId("u1").build())
            .getAssignmentsCount());
  }

  @Test
  void evaluatingAKeyOutsideIsRefusedWhetherItExistsOrNot() {
    deniedAlike(
        "experiment_keys[1]",
        key ->
            () ->
                teamA
                    .evaluation()
                    .evaluate(
                        EvaluateRequest.newBuilder()
                            .setUnitId("u1")
                            .addExperimentKeys("a.one")
                            .addExperimentKeys(key)
                            .build()));
    deniedAlike(
        "requests[1].flag_keys[0]",
        key ->
            () ->
                teamA
                    .evaluation()
                    .batchEvaluate(
                        BatchEvaluateRequest.newBuilder()
                            .addRequests(EvaluateRequest.newBuilder().setUnitId("u1"))
                            .addRequests(
                                EvaluateRequest.newBuilder().setUnitId("u2").addFlagKeys(key))
                            .build()));
    deniedAlike(
        "experiment_keys[1]",
        key ->
            () ->
                teamA
                    .evaluation()
                    .recordExposures(
                        RecordExposuresRequest.newBuilder()
                            .setUnitId("u1")
                            .addExperimentKeys("a.one")
                            .addExperimentKeys(key)
                            .build()));
    assertEquals(
        1,
        teamA
            .evaluation()
            .evaluate(
                EvaluateRequest.newBuilder().setUnitId("u1").addExperimentKeys("c.one").build())
            .getAssignmentsCount());
  }

  @Test
  void aStreamAnswersAKeyOutsideWithThatItemsErrorAndGoesOn() throws Exception {
    List<StreamEvaluateResponse> responses = new ArrayList<>();
    CompletableFuture<Void> done = new CompletableFuture<>();
    StreamObserver<StreamEvaluateRequest> requests =
        teamA
            .asyncEvaluation()
            .streamEvaluate(
                new StreamObserver<>() {
                  @java.lang.Override
                  public void onNext(StreamEvaluateResponse value) {
                    responses.add(value);
                  }

                  @java.lang.Override
                  public void onError(Throwable t) {
                    done.completeExceptionally(t);
                  }

                  @java.lang.Override
                  public void onCompleted() {
                    done.complete(null);
                  }
                });
    requests.onNext(item(EvaluateRequest.newBuilder().setUnitId("u1").addFlagKeys("b.one")));
    requests.onNext(item(EvaluateRequest.newBuilder().setUnitId("u1")));
    requests.onCompleted();
    done.get(10, TimeUnit.SECONDS);

    assertEquals(2, responses.size());
    assertTrue(
        responses.get(0).getError().startsWith("request.flag_keys[0]: outside the projects"),
        responses.get(0).getError());
    assertEquals(3, responses.get(1).getResponse().getAssignmentsCount());
  }

  private static StreamEvaluateRequest item(EvaluateRequest.Builder request) {
    return StreamEvaluateRequest.newBuilder().setRequest(request).build();
  }

  @Test
  void overridesAreDecidedByTheirTargetsKey() {
    deniedAlike(
        "override.target.experiment_key",
        key ->
            () ->
                teamA
                    .overrides()
                    .setOverride(
                        SetOverrideRequest.newBuilder()
                            .setOverride(experimentOverride(key, "u1"))
                            .build()));
    deniedAlike(
        "template.target.flag_key",
        key ->
            () ->
                teamA
                    .overrides()
                    .batchSetOverrides(
                        BatchSetOverridesRequest.newBuilder()
                            .setTemplate(
                                Override.newBuilder()
                                    .setTarget(OverrideTarget.newBuilder().setFlagKey(key))
                                    .setFlagValue(bool(true)))
                            .addUnitIds("u1")
                            .build()));
    deniedAlike(
        "target.experiment_key",
        key ->
            () ->
                teamA
                    .overrides()
                    .deleteOverride(
                        DeleteOverrideRequest.newBuilder()
                            .setTarget(OverrideTarget.newBuilder().setExperimentKey(key))
                            .setUnitId("u1")
                            .build()));
    deniedAlike(
        "target.flag_key",
        key ->
            () ->
                teamA
                    .overrides()
                    .listOverrides(
                        ListOverridesRequest.newBuilder()
                            .setTarget(OverrideTarget.newBuilder().setFlagKey(key))
                            .build()));

    teamA
        .overrides()
        .setOverride(
            SetOverrideRequest.newBuilder().setOverride(experimentOverride("a.one", "u1")).build());
    assertEquals(
        1,
        teamA
            .overrides()
            .listOverrides(
                ListOverridesRequest.newBuilder()
                    .setTarget(OverrideTarget.newBuilder().setExperimentKey("a.one"))
                    .build())
            .getOverridesCount());
    assertEquals(
        0,
        admin
            .overrides()
            .listOverrides(
                ListOverridesRequest.newBuilder()
                    .setTarget(OverrideTarget.newBuilder().setExperimentKey("b.one"))
                    .build())
            .getOverridesCount());
  }

  private static Override experimentOverride(String key, String unitId) {
    return Override.newBuilder()
        .setTarget(OverrideTarget.newBuilder().setExperimentKey(key))
        .setUnitId(unitId)
        .setVariationKey("control")
        .build();
  }

  @Test
  void aRestrictedTokenCannotJoinAnotherProjectsNamespace() {
    denied(
        "experiment.namespace.id",
        () ->
            teamA
                .definitions()
                .createExperiment(
                    CreateExperimentRequest.newBuilder()
                        .setExperiment(
                            running("a.ns", 0.5, 0.5)
                                .setNamespace(
                                    Namespace.newBuilder()
                                        .setId("b.layer")
                                        .setStart(0)
                                        .setEnd(0.5)))
                        .build()));
    var inOwn =
        teamA
            .definitions()
            .createExperiment(
                CreateExperimentRequest.newBuilder()
                    .setExperiment(
                        running("a.ns", 0.5, 0.5)
                            .setNamespace(
                                Namespace.newBuilder().setId("a.layer").setStart(0).setEnd(0.5)))
                    .build())
            .getExperiment();
    assertEquals("a.layer", inOwn.getNamespace().getId());
    denied(
        "experiment.namespace.id",
        () ->
            teamA
                .definitions()
                .updateExperiment(
                    UpdateExperimentRequest.newBuilder()
                        .setExperiment(
                            inOwn.toBuilder()
                                .setNamespace(inOwn.getNamespace().toBuilder().setId("b.layer")))
                        .build()));
  }

  @Test
  void aRestrictedTokensFlagCannotFollowAnotherProjectsExperiment() {
    deniedAlike(
        "flag.rules[0].experiment.experiment_key",
        key ->
            () ->
                teamA
                    .definitions()
                    .createFeatureFlag(
                        CreateFeatureFlagRequest.newBuilder()
                            .setFlag(
                                flag("a.follower").getFlag().toBuilder()
                                    .addRules(
                                        FlagRule.newBuilder()
                                            .setExperiment(
                                                ExperimentRule.newBuilder()
                                                    .setExperimentKey(key)
                                                    .addVariationValues(bool(false))
                                                    .addVariationValues(bool(true)))))
                            .build()));
    deniedAlike(
        "flag.rules[0].experiment.experiment_key",
        key ->
            () ->
                teamA
                    .definitions()
                    .updateFeatureFlag(
                        UpdateFeatureFlagRequest.newBuilder()
                            .setFlag(
                                flag("a.one").getFlag().toBuilder()
                                    .addRules(
                                        FlagRule.newBuilder()
                                            .setExperiment(
                                                ExperimentRule.newBuilder()
                                                    .setExperimentKey(key)
                                                    .addVariationValues(bool(false))
                                                    .addVariationValues(bool(true)))))
                            .build()));
    assertEquals(
        0,
        admin
            .definitions()
            .getFeatureFlag(GetFeatureFlagRequest.newBuilder().setKey("a.one").build())
            .getFlag()
            .getRulesCount());
  }
}
