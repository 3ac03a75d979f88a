package dev.assay.assignment.api;

import static dev.assay.assignment.support.Protos.running;
import static dev.assay.runtime.testing.GrpcAssertions.assertInvalid;
import static dev.assay.runtime.testing.GrpcAssertions.assertStatus;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.FieldMask;
import com.google.protobuf.ListValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Timestamp;
import com.google.protobuf.Value;
import dev.assay.assignment.store.AssignmentStore;
import dev.assay.assignment.support.AssignmentReplica;
import dev.assay.assignment.v1.BatchEvaluateRequest;
import dev.assay.assignment.v1.CreateExperimentRequest;
import dev.assay.assignment.v1.CreateFeatureFlagRequest;
import dev.assay.assignment.v1.EvaluateRequest;
import dev.assay.assignment.v1.EvaluateResponse;
import dev.assay.assignment.v1.Experiment;
import dev.assay.assignment.v1.ExperimentRule;
import dev.assay.assignment.v1.FeatureFlag;
import dev.assay.assignment.v1.FlagRule;
import dev.assay.assignment.v1.FlagValueType;
import dev.assay.assignment.v1.GetExperimentRequest;
import dev.assay.assignment.v1.ListOverridesRequest;
import dev.assay.assignment.v1.Override;
import dev.assay.assignment.v1.OverrideTarget;
import dev.assay.assignment.v1.Reason;
import dev.assay.assignment.v1.RolloutStep;
import dev.assay.assignment.v1.SetOverrideRequest;
import dev.assay.assignment.v1.UpdateExperimentRequest;
import dev.assay.assignment.v1.Variation;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.Collections;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Issue 10: one regression test per assignment defect, run over the real service on each store. */
abstract class HostileRequestContract {
  private static final Duration GENEROUS = Duration.ofSeconds(1);
  protected AssignmentReplica service;
  private AssignmentStore store;

  protected abstract AssignmentStore newStore();

  protected void closeStore() {}

  @BeforeEach
  void start() {
    store = newStore();
    service = new AssignmentReplica(store);
  }

  @AfterEach
  void stop() {
    service.close();
    closeStore();
  }

  @Test
  void catastrophicRegexConditionsEvaluateAtOnce() {
    String[][] cases = {
      {"(.*,){6}X", ",".repeat(1_000)},
      {"^(a+)+$", "a".repeat(8_000) + "!"},
      {"a*b", "a".repeat(8_000)},
      {"(a|aa)*c", "a".repeat(8_000)}
    };
    for (int i = 0; i < cases.length; i++) {
      create(running("re" + i, 0.5, 0.5).setCondition(regexOn("name", cases[i][0])));
      EvaluateRequest request =
          EvaluateRequest.newBuilder()
              .setUnitId("u1")
              .setAttributes(Struct.newBuilder().putFields("name", string(cases[i][1])))
              .addExperimentKeys("re" + i)
              .build();
      Reason reason =
          assertTimeoutPreemptively(
              GENEROUS, () -> service.evaluation.evaluate(request).getAssignments(0).getReason());
      assertEquals(Reason.REASON_NOT_TARGETED, reason, cases[i][0]);
    }
    // The 30-40k character values of the issue exceed the attribute limit (8,192 characters).
    assertInvalid(
        () ->
            service.evaluation.evaluate(
                EvaluateRequest.newBuilder()
                    .setUnitId("u1")
                    .setAttributes(
                        Struct.newBuilder().putFields("name", string("a".repeat(40_000))))
                    .build()),
        "attributes");
  }

  @Test
  void lookaroundIsRejectedAtWriteTimeNamingTheCondition() {
    assertInvalid(
        () -> create(running("look", 0.5, 0.5).setCondition(regexOn("name", "Z(?!x)"))),
        "experiment.condition");
    assertStatus(Status.Code.NOT_FOUND, () -> get("look"));
  }

  @ParameterizedTest
  @ValueSource(doubles = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY})
  void nonFiniteValuesAreNeverStored(double bad) {
    Value nested = list(Value.newBuilder().setNumberValue(bad).build());
    Experiment.Builder payload = running("pay", 0.5, 0.5);
    payload.setVariations(0, payload.getVariations(0).toBuilder().setPayload(nested));
    assertInvalid(() -> create(payload), "experiment.variations[0].payload");
    assertStatus(Status.Code.NOT_FOUND, () -> get("pay"));

    assertInvalid(() -> createFlag(jsonFlag("def").setDefaultValue(nested)), "flag.default_value");
    create(running("exp", 0.5, 0.5));
    assertInvalid(
        () ->
            createFlag(
                jsonFlag("vals")
                    .addRules(
                        FlagRule.newBuilder()
                            .setExperiment(
                                ExperimentRule.newBuilder()
                                    .setExperimentKey("exp")
                                    .addVariationValues(string("a"))
                                    .addVariationValues(nested)))),
        "flag.rules[0].experiment.variation_values[1]");
    assertInvalid(
        () ->
            create(
                running("cond", 0.5, 0.5)
                    .setCondition(
                        Struct.newBuilder()
                            .putFields(
                                "age",
                                Value.newBuilder()
                                    .setStructValue(
                                        Struct.newBuilder()
                                            .putFields(
                                                "$gt",
                                                Value.newBuilder().setNumberValue(bad).build()))
                                    .build()))),
        "experiment.condition");
    createFlag(jsonFlag("json"));
    assertInvalid(
        () ->
            setOverride(
                Override.newBuilder()
                    .setTarget(OverrideTarget.newBuilder().setFlagKey("json"))
                    .setUnitId("u1")
                    .setFlagValue(nested)),
        "override.flag_value");
    assertEquals(
        0,
        service
            .overrides
            .listOverrides(
                ListOverridesRequest.newBuilder()
                    .setTarget(OverrideTarget.newBuilder().setFlagKey("json"))
                    .build())
            .getOverridesCount());
  }

  @ParameterizedTest
  @ValueSource(ints = {99, -5, 5, Integer.MAX_VALUE, Integer.MIN_VALUE})
  void unknownValueTypesAreRejected(int value) {
    assertInvalid(() -> createFlag(jsonFlag("vt").setValueTypeValue(value)), "flag.value_type");
  }

  @ParameterizedTest
  @ValueSource(ints = {99, -5, 4, Integer.MAX_VALUE, Integer.MIN_VALUE})
  void unknownStatusesAreRejectedNotStoredAsDraft(int value) {
    assertInvalid(() -> create(running("st", 0.5, 0.5).setStatusValue(value)), "experiment.status");
    assertStatus(Status.Code.NOT_FOUND, () -> get("st"));
    create(running("st", 0.5, 0.5));
    assertInvalid(
        () ->
            service.definitions.updateExperiment(
                UpdateExperimentRequest.newBuilder()
                    .setExperiment(running("st", 0.5, 0.5).setStatusValue(value))
                    .setUpdateMask(FieldMask.newBuilder().addPaths("status"))
                    .build()),
        "experiment.status");
    assertEquals(1, get("st").getVersion());
  }

  @ParameterizedTest
  @ValueSource(longs = {Long.MAX_VALUE, Long.MIN_VALUE, -62_135_596_801L, 253_402_300_800L})
  void timestampsOutOfRangeAreInvalidNotInternal(long seconds) {
    Timestamp bad = Timestamp.newBuilder().setSeconds(seconds).build();
    create(running("ts", 0.5, 0.5));
    assertInvalid(
        () ->
            setOverride(
                Override.newBuilder()
                    .setTarget(OverrideTarget.newBuilder().setExperimentKey("ts"))
                    .setUnitId("u1")
                    .setVariationKey("v1")
                    .setExpireTime(bad)),
        "override.expire_time");
    assertInvalid(
        () ->
            create(
                running("roll", 0.5, 0.5)
                    .addRollout(RolloutStep.newBuilder().setStartTime(bad).setCoverage(0.5))),
        "experiment.rollout[0].start_time");
    assertStatus(Status.Code.NOT_FOUND, () -> get("roll"));
  }

  @Test
  void nanosOutOfRangeAreInvalid() {
    create(running("ns", 0.5, 0.5));
    for (int nanos : new int[] {-1, 1_000_000_000}) {
      assertInvalid(
          () ->
              setOverride(
                  Override.newBuilder()
                      .setTarget(OverrideTarget.newBuilder().setExperimentKey("ns"))
                      .setUnitId("u1")
                      .setVariationKey("v1")
                      .setExpireTime(
                          Timestamp.newBuilder().setSeconds(4_000_000_000L).setNanos(nanos))),
          "override.expire_time");
    }
  }

  @Test
  void aHugeUpdateMaskPathIsNamedNotEchoed() {
    create(running("mask", 0.5, 0.5));
    String path = "p".repeat(40_000);
    StatusRuntimeException e =
        assertStatus(
            Status.Code.INVALID_ARGUMENT,
            () ->
                service.definitions.updateExperiment(
                    UpdateExperimentRequest.newBuilder()
                        .setExperiment(running("mask", 0.5, 0.5))
                        .setUpdateMask(FieldMask.newBuilder().addPaths(path))
                        .build()));
    String description = String.valueOf(e.getStatus().getDescription());
    assertTrue(description.startsWith("update_mask.paths[0]: unknown or read-only field ppp"));
    assertTrue(description.length() < 500, () -> description.length() + " characters");
  }

  @Test
  void structsNestedDeeperThan32LevelsAreInvalid() {
    create(running("deep", 0.5, 0.5));
    Value deep = Value.newBuilder().setNumberValue(1).build();
    for (int i = 0; i < 1_000; i++) {
      deep = Value.newBuilder().setStructValue(Struct.newBuilder().putFields("a", deep)).build();
    }
    EvaluateRequest request =
        EvaluateRequest.newBuilder()
            .setUnitId("u1")
            .setAttributes(Struct.newBuilder().putFields("a", deep))
            .build();
    assertInvalid(() -> service.evaluation.evaluate(request), "attributes");
    Experiment.Builder payload = running("deeper", 0.5, 0.5);
    payload.setVariations(1, payload.getVariations(1).toBuilder().setPayload(deep));
    assertInvalid(() -> create(payload), "experiment.variations[1].payload");
  }

  @Test
  void oversizedRequestsAreInvalidWithBoundedErrors() {
    Experiment.Builder many = running("many");
    for (int i = 0; i < 101; i++) {
      many.addVariations(Variation.newBuilder().setKey("v" + i));
    }
    assertInvalid(() -> create(many), "experiment.variations");
    assertInvalid(
        () ->
            service.evaluation.evaluate(
                EvaluateRequest.newBuilder()
                    .setUnitId("u1")
                    .addExperimentKeys("k".repeat(40_000))
                    .build()),
        "experiment_keys[0]");
    StatusRuntimeException batch =
        assertStatus(
            Status.Code.INVALID_ARGUMENT,
            () ->
                service.evaluation.batchEvaluate(
                    BatchEvaluateRequest.newBuilder()
                        .addAllRequests(
                            Collections.nCopies(
                                1_000, EvaluateRequest.newBuilder().setUnitId("").build()))
                        .build()));
    assertTrue(String.valueOf(batch.getStatus().getDescription()).length() < 2_000);
  }

  @Test
  void aStoredConditionThatNoLongerCompilesMatchesNobodyAndBlocksNothing() {
    // Stored before lookaround was rejected: written to the store directly, as an old version did.
    store
        .experiments()
        .create(
            ExperimentMapper.toDomain(
                    running("legacy", 0.5, 0.5).setCondition(regexOn("name", "Z(?!x)")).build())
                .withBookkeeping(1, false, java.time.Instant.EPOCH));
    create(running("fine", 0.5, 0.5));
    try (AssignmentReplica restarted = new AssignmentReplica(store)) {
      EvaluateResponse answer =
          restarted.evaluation.evaluate(
              EvaluateRequest.newBuilder()
                  .setUnitId("u1")
                  .setAttributes(Struct.newBuilder().putFields("name", string("Z")))
                  .addExperimentKeys("legacy")
                  .addExperimentKeys("fine")
                  .build());
      assertEquals(Reason.REASON_NOT_TARGETED, answer.getAssignments(0).getReason());
      assertEquals(Reason.REASON_BUCKET, answer.getAssignments(1).getReason());
    }
  }

  private static Struct regexOn(String attribute, String pattern) {
    return Struct.newBuilder()
        .putFields(
            attribute,
            Value.newBuilder()
                .setStructValue(Struct.newBuilder().putFields("$regex", string(pattern)))
                .build())
        .build();
  }

  private static Value string(String s) {
    return Value.newBuilder().setStringValue(s).build();
  }

  private static Value list(Value... values) {
    return Value.newBuilder()
        .setListValue(ListValue.newBuilder().addAllValues(java.util.List.of(values)))
        .build();
  }

  private static FeatureFlag.Builder jsonFlag(String key) {
    return FeatureFlag.newBuilder()
        .setKey(key)
        .setValueType(FlagValueType.FLAG_VALUE_TYPE_JSON)
        .setDefaultValue(Value.newBuilder().setNumberValue(1));
  }

  private void create(Experiment.Builder experiment) {
    service.definitions.createExperiment(
        CreateExperimentRequest.newBuilder().setExperiment(experiment).build());
  }

  private void createFlag(FeatureFlag.Builder flag) {
    service.definitions.createFeatureFlag(
        CreateFeatureFlagRequest.newBuilder().setFlag(flag).build());
  }

  private Experiment get(String key) {
    return service
        .definitions
        .getExperiment(GetExperimentRequest.newBuilder().setKey(key).build())
        .getExperiment();
  }

  private void setOverride(Override.Builder override) {
    service.overrides.setOverride(SetOverrideRequest.newBuilder().setOverride(override).build());
  }
}
