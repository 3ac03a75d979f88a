package dev.assay.assignment.api;

import static dev.assay.assignment.support.Protos.attributes;
import static dev.assay.assignment.support.Protos.bool;
import static dev.assay.assignment.support.Protos.running;
import static dev.assay.runtime.testing.GrpcAssertions.assertInvalidFields;
import static dev.assay.runtime.testing.GrpcAssertions.assertStatus;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.FieldMask;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import dev.assay.assignment.store.AssignmentStore;
import dev.assay.assignment.support.AssignmentReplica;
import dev.assay.assignment.v1.ArchiveExperimentRequest;
import dev.assay.assignment.v1.BatchEvaluateRequest;
import dev.assay.assignment.v1.BatchSetOverridesRequest;
import dev.assay.assignment.v1.CreateExperimentRequest;
import dev.assay.assignment.v1.CreateFeatureFlagRequest;
import dev.assay.assignment.v1.DeleteOverrideRequest;
import dev.assay.assignment.v1.EvaluateRequest;
import dev.assay.assignment.v1.EvaluateResponse;
import dev.assay.assignment.v1.Experiment;
import dev.assay.assignment.v1.ExperimentAssignment;
import dev.assay.assignment.v1.ExperimentRule;
import dev.assay.assignment.v1.FeatureFlag;
import dev.assay.assignment.v1.FlagRule;
import dev.assay.assignment.v1.FlagValueType;
import dev.assay.assignment.v1.GetExperimentRequest;
import dev.assay.assignment.v1.ListExperimentsRequest;
import dev.assay.assignment.v1.ListExperimentsResponse;
import dev.assay.assignment.v1.ListOverridesRequest;
import dev.assay.assignment.v1.ListOverridesResponse;
import dev.assay.assignment.v1.Override;
import dev.assay.assignment.v1.OverrideTarget;
import dev.assay.assignment.v1.PreviewExperimentChangeRequest;
import dev.assay.assignment.v1.PreviewExperimentChangeResponse;
import dev.assay.assignment.v1.Reason;
import dev.assay.assignment.v1.SetOverrideRequest;
import dev.assay.assignment.v1.StreamEvaluateRequest;
import dev.assay.assignment.v1.StreamEvaluateResponse;
import dev.assay.assignment.v1.UnitMove;
import dev.assay.assignment.v1.UpdateExperimentRequest;
import dev.assay.assignment.v1.UpdateFeatureFlagRequest;
import dev.assay.assignment.v1.Variation;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The gRPC contract of the assignment service, run over the real domain on each store. */
abstract class AssignmentApiContract {
  protected AssignmentReplica service;

  protected abstract AssignmentStore newStore();

  protected void closeStore() {}

  @BeforeEach
  void start() {
    service = new AssignmentReplica(newStore());
  }

  @AfterEach
  void stop() {
    service.close();
    closeStore();
  }

  @Test
  void createsGetsListsAndArchivesExperiments() {
    for (String key : List.of("c", "a", "b")) {
      create(running(key, 0.5, 0.5));
    }

    Experiment a =
        service
            .definitions
            .getExperiment(GetExperimentRequest.newBuilder().setKey("a").build())
            .getExperiment();
    assertEquals(1, a.getVersion());
    assertEquals(1.0, a.getCoverage());
    assertEquals(2, a.getHashVersion());

    ListExperimentsResponse first =
        service.definitions.listExperiments(
            ListExperimentsRequest.newBuilder().setPageSize(2).build());
    assertEquals(
        List.of("a", "b"), first.getExperimentsList().stream().map(Experiment::getKey).toList());
    ListExperimentsResponse second =
        service.definitions.listExperiments(
            ListExperimentsRequest.newBuilder()
                .setPageSize(2)
                .setPageToken(first.getNextPageToken())
                .build());
    assertEquals(
        List.of("c"), second.getExperimentsList().stream().map(Experiment::getKey).toList());
    assertEquals("", second.getNextPageToken());

    service.definitions.archiveExperiment(
        ArchiveExperimentRequest.newBuilder().setKey("b").build());
    assertEquals(
        List.of("a", "c"),
        service
            .definitions
            .listExperiments(ListExperimentsRequest.getDefaultInstance())
            .getExperimentsList()
            .stream()
            .map(Experiment::getKey)
            .toList());
    assertEquals(Reason.REASON_UNKNOWN_KEY, evaluate("u1", "b").getReason());
  }

  @Test
  void rejectsAnInvalidExperimentNamingEveryBadFieldAndStoresNothing() {
    Experiment bad =
        running("bad", 0.5, 0.3)
            .setCoverage(1.5)
            .setHashVersion(3)
            .setCondition(Struct.newBuilder().putFields("$bogus", bool(true)))
            .build();

    assertInvalidFields(
        List.of(
            "experiment.variations",
            "experiment.coverage",
            "experiment.hash_version",
            "experiment.condition"),
        () ->
            service.definitions.createExperiment(
                CreateExperimentRequest.newBuilder().setExperiment(bad).build()));

    assertStatus(
        Status.Code.NOT_FOUND,
        () ->
            service.definitions.getExperiment(
                GetExperimentRequest.newBuilder().setKey("bad").build()));
  }

  @Test
  void rejectsDuplicatesStaleVersionsAndUnknownMaskPaths() {
    create(running("e", 0.5, 0.5));

    assertStatus(Status.Code.ALREADY_EXISTS, () -> create(running("e", 0.5, 0.5)));
    assertStatus(
        Status.Code.ABORTED,
        () ->
            service.definitions.updateExperiment(
                UpdateExperimentRequest.newBuilder()
                    .setExperiment(running("e", 0.5, 0.5).setCoverage(0.5))
                    .setUpdateMask(mask("coverage"))
                    .setExpectedVersion(7)
                    .build()));
    assertInvalidFields(
        List.of("update_mask.paths[0]"),
        () ->
            service.definitions.updateExperiment(
                UpdateExperimentRequest.newBuilder()
                    .setExperiment(running("e"))
                    .setUpdateMask(mask("version"))
                    .build()));
    assertStatus(
        Status.Code.NOT_FOUND,
        () ->
            service.definitions.updateExperiment(
                UpdateExperimentRequest.newBuilder()
                    .setExperiment(running("missing"))
                    .setUpdateMask(mask("coverage"))
                    .build()));

    Experiment stored =
        service
            .definitions
            .getExperiment(GetExperimentRequest.newBuilder().setKey("e").build())
            .getExperiment();
    assertEquals(1, stored.getVersion());
    assertEquals(1.0, stored.getCoverage());
  }

  @Test
  void aMaskedUpdateChangesOnlyTheNamedFields() {
    create(running("e", 0.5, 0.5).setName("original").setCoverage(0.5));

    Experiment updated =
        service
            .definitions
            .updateExperiment(
                UpdateExperimentRequest.newBuilder()
                    .setExperiment(
                        Experiment.newBuilder().setKey("e").setCoverage(0.8).setName("ignored"))
                    .setUpdateMask(mask("coverage"))
                    .setExpectedVersion(1)
                    .build())
            .getExperiment();

    assertEquals(0.8, updated.getCoverage());
    assertEquals("original", updated.getName());
    assertEquals(2, updated.getVersion());
    assertEquals(2, updated.getVariationsCount());
  }

  @Test
  void aWeightChangeMovesOnlyTheUnitsThatMustMoveAndThePreviewSaysWhich() {
    create(running("w", 0.5, 0.5));
    List<String> units = new ArrayList<>();
    for (int i = 0; i < 3000; i++) {
      units.add("unit-" + i);
    }
    List<Integer> before = variationIndexes(units, "w");
    Experiment reweighted = running("w", 0.4, 0.6).build();

    PreviewExperimentChangeResponse preview =
        service.definitions.previewExperimentChange(
            PreviewExperimentChangeRequest.newBuilder()
                .setExperiment(reweighted)
                .setUpdateMask(mask("variations"))
                .addAllSampleUnitIds(units)
                .build());
    service.definitions.updateExperiment(
        UpdateExperimentRequest.newBuilder()
            .setExperiment(reweighted)
            .setUpdateMask(mask("variations"))
            .build());

    assertEquals(0.1, preview.getMovedFraction(), 1e-12);
    assertEquals(0.1, preview.getSwitchedFraction(), 1e-12);
    List<Integer> after = variationIndexes(units, "w");
    Set<String> moved = new HashSet<>();
    for (int i = 0; i < units.size(); i++) {
      if (!after.get(i).equals(before.get(i))) {
        moved.add(units.get(i));
        assertEquals(0, before.get(i).intValue(), "only control gives up units");
      }
    }
    assertEquals(
        moved,
        preview.getMovedUnitsList().stream()
            .map(UnitMove::getUnitId)
            .collect(java.util.stream.Collectors.toSet()));
    assertEquals(0.1, moved.size() / 3000.0, 0.02);
  }

  @Test
  void variationsCanOnlyBeAppended() {
    create(running("e", 0.5, 0.5));

    assertInvalidFields(
        List.of("experiment.variations"),
        () ->
            service.definitions.updateExperiment(
                UpdateExperimentRequest.newBuilder()
                    .setExperiment(
                        Experiment.newBuilder()
                            .setKey("e")
                            .addVariations(Variation.newBuilder().setKey("v1").setWeight(1)))
                    .setUpdateMask(mask("variations"))
                    .build()));
  }

  @Test
  void evaluatesWithReasonsInBatchesAndStreams() throws Exception {
    create(
        running("fr", 0.5, 0.5)
            .setCondition(
                Struct.newBuilder()
                    .putFields("country", Value.newBuilder().setStringValue("FR").build())));

    EvaluateResponse fr =
        service.evaluation.evaluate(
            EvaluateRequest.newBuilder()
                .setUnitId("u1")
                .setAttributes(attributes("country", "FR"))
                .build());
    assertEquals(Reason.REASON_BUCKET, fr.getAssignments(0).getReason());
    assertTrue(fr.getAssignments(0).getInExperiment());
    assertEquals(
        Reason.REASON_NOT_TARGETED,
        service
            .evaluation
            .evaluate(
                EvaluateRequest.newBuilder()
                    .setUnitId("u1")
                    .setAttributes(attributes("country", "DE"))
                    .build())
            .getAssignments(0)
            .getReason());

    BatchEvaluateRequest.Builder batch = BatchEvaluateRequest.newBuilder();
    for (int i = 0; i < 100; i++) {
      batch.addRequests(
          EvaluateRequest.newBuilder()
              .setUnitId("u" + i)
              .setAttributes(attributes("country", "FR")));
    }
    assertEquals(100, service.evaluation.batchEvaluate(batch.build()).getResponsesCount());

    List<StreamEvaluateResponse> streamed = new ArrayList<>();
    CompletableFuture<Void> done = new CompletableFuture<>();
    StreamObserver<StreamEvaluateRequest> requests =
        service.asyncEvaluation.streamEvaluate(
            new StreamObserver<>() {
              @java.lang.Override
              public void onNext(StreamEvaluateResponse value) {
                streamed.add(value);
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
    requests.onNext(
        StreamEvaluateRequest.newBuilder()
            .setRequest(EvaluateRequest.newBuilder().setUnitId("a"))
            .build());
    requests.onNext(
        StreamEvaluateRequest.newBuilder()
            .setRequest(EvaluateRequest.newBuilder().setUnitId(""))
            .build());
    requests.onNext(
        StreamEvaluateRequest.newBuilder()
            .setRequest(EvaluateRequest.newBuilder().setUnitId("b"))
            .build());
    requests.onCompleted();
    done.get(5, TimeUnit.SECONDS);

    assertEquals(3, streamed.size());
    assertTrue(streamed.get(0).hasResponse());
    assertTrue(streamed.get(1).getError().startsWith("request.unit_id: must be 1-256 characters"));
    assertTrue(streamed.get(2).hasResponse());
  }

  @Test
  void rejectsBadEvaluationRequestsByField() {
    assertInvalidFields(
        List.of("unit_id"),
        () -> service.evaluation.evaluate(EvaluateRequest.getDefaultInstance()));
    EvaluateRequest.Builder tooMany = EvaluateRequest.newBuilder().setUnitId("u");
    for (int i = 0; i < 1001; i++) {
      tooMany.addExperimentKeys("k" + i);
    }
    assertInvalidFields(
        List.of("experiment_keys"), () -> service.evaluation.evaluate(tooMany.build()));
    assertInvalidFields(
        List.of("requests[1].unit_id"),
        () ->
            service.evaluation.batchEvaluate(
                BatchEvaluateRequest.newBuilder()
                    .addRequests(EvaluateRequest.newBuilder().setUnitId("ok"))
                    .addRequests(EvaluateRequest.newBuilder())
                    .build()));
  }

  @Test
  void overridesBeatBucketingAndCanBeSetInBulkListedAndDeleted() {
    create(running("e", 0.5, 0.5).setCoverage(0));
    OverrideTarget target = OverrideTarget.newBuilder().setExperimentKey("e").build();

    Override stored =
        service
            .overrides
            .setOverride(
                SetOverrideRequest.newBuilder()
                    .setOverride(
                        Override.newBuilder()
                            .setTarget(target)
                            .setUnitId("qa-1")
                            .setVariationKey("v1")
                            .setReason("QA")
                            .setSetBy("alice"))
                    .build())
            .getOverride();
    assertTrue(stored.hasCreateTime());
    ExperimentAssignment forced = evaluate("qa-1", "e");
    assertEquals(Reason.REASON_OVERRIDE, forced.getReason());
    assertEquals("v1", forced.getVariationKey());

    BatchSetOverridesRequest.Builder bulk =
        BatchSetOverridesRequest.newBuilder()
            .setTemplate(Override.newBuilder().setTarget(target).setVariationKey("control"));
    for (int i = 0; i < 3000; i++) {
      bulk.addUnitIds(String.format("bulk-%04d", i));
    }
    assertEquals(3000, service.overrides.batchSetOverrides(bulk.build()).getWrittenCount());
    assertEquals(Reason.REASON_OVERRIDE, evaluate("bulk-2999", "e").getReason());

    ListOverridesResponse page =
        service.overrides.listOverrides(
            ListOverridesRequest.newBuilder().setTarget(target).setPageSize(1000).build());
    assertEquals(1000, page.getOverridesCount());
    assertEquals("bulk-0000", page.getOverrides(0).getUnitId());
    assertFalse(page.getNextPageToken().isEmpty());

    service.overrides.deleteOverride(
        DeleteOverrideRequest.newBuilder().setTarget(target).setUnitId("qa-1").build());
    assertEquals(Reason.REASON_OUTSIDE_COVERAGE, evaluate("qa-1", "e").getReason());
    assertStatus(
        Status.Code.NOT_FOUND,
        () ->
            service.overrides.deleteOverride(
                DeleteOverrideRequest.newBuilder().setTarget(target).setUnitId("qa-1").build()));
  }

  @Test
  void rejectsOverridesOfUnknownVariationsAndWritesNothing() {
    create(running("e", 0.5, 0.5));
    OverrideTarget target = OverrideTarget.newBuilder().setExperimentKey("e").build();

    assertInvalidFields(
        List.of("override.variation_key"),
        () ->
            service.overrides.setOverride(
                SetOverrideRequest.newBuilder()
                    .setOverride(
                        Override.newBuilder()
                            .setTarget(target)
                            .setUnitId("u")
                            .setVariationKey("nope"))
                    .build()));
    assertInvalidFields(
        List.of("unit_ids[1]"),
        () ->
            service.overrides.batchSetOverrides(
                BatchSetOverridesRequest.newBuilder()
                    .setTemplate(Override.newBuilder().setTarget(target).setVariationKey("v1"))
                    .addUnitIds("a")
                    .addUnitIds("")
                    .build()));

    assertEquals(
        0,
        service
            .overrides
            .listOverrides(ListOverridesRequest.newBuilder().setTarget(target).build())
            .getOverridesCount());
  }

  @Test
  void flagsFollowTheirExperimentAndTheKillSwitch() {
    create(running("layout", 0.5, 0.5));
    service.definitions.createFeatureFlag(
        CreateFeatureFlagRequest.newBuilder()
            .setFlag(
                FeatureFlag.newBuilder()
                    .setKey("new-nav")
                    .setValueType(FlagValueType.FLAG_VALUE_TYPE_BOOL)
                    .setDefaultValue(bool(false))
                    .addRules(
                        FlagRule.newBuilder()
                            .setId("exp")
                            .setExperiment(
                                ExperimentRule.newBuilder()
                                    .setExperimentKey("layout")
                                    .addVariationValues(bool(false))
                                    .addVariationValues(bool(true)))))
            .build());

    EvaluateResponse r =
        service.evaluation.evaluate(
            EvaluateRequest.newBuilder().setUnitId("u7").addFlagKeys("new-nav").build());
    assertEquals(Reason.REASON_EXPERIMENT, r.getFlags(0).getReason());
    assertEquals(
        r.getFlags(0).getExperiment().getVariationIndex() == 1,
        r.getFlags(0).getValue().getBoolValue());

    service.definitions.updateFeatureFlag(
        UpdateFeatureFlagRequest.newBuilder()
            .setFlag(FeatureFlag.newBuilder().setKey("new-nav").setKilled(true))
            .setUpdateMask(mask("killed"))
            .build());
    EvaluateResponse killed =
        service.evaluation.evaluate(
            EvaluateRequest.newBuilder().setUnitId("u7").addFlagKeys("new-nav").build());
    assertEquals(Reason.REASON_KILLED, killed.getFlags(0).getReason());
    assertFalse(killed.getFlags(0).getValue().getBoolValue());

    assertInvalidFields(
        List.of("flag.default_value"),
        () ->
            service.definitions.createFeatureFlag(
                CreateFeatureFlagRequest.newBuilder()
                    .setFlag(
                        FeatureFlag.newBuilder()
                            .setKey("typed")
                            .setValueType(FlagValueType.FLAG_VALUE_TYPE_NUMBER)
                            .setDefaultValue(bool(true)))
                    .build()));
  }

  protected void create(Experiment.Builder experiment) {
    service.definitions.createExperiment(
        CreateExperimentRequest.newBuilder().setExperiment(experiment).build());
  }

  protected ExperimentAssignment evaluate(String unit, String experimentKey) {
    return service
        .evaluation
        .evaluate(
            EvaluateRequest.newBuilder().setUnitId(unit).addExperimentKeys(experimentKey).build())
        .getAssignments(0);
  }

  /** Each unit's variation index in one experiment, evaluated in batches of 1,000. */
  protected List<Integer> variationIndexes(List<String> units, String experimentKey) {
    List<Integer> indexes = new ArrayList<>();
    for (int from = 0; from < units.size(); from += 1000) {
      BatchEvaluateRequest.Builder batch = BatchEvaluateRequest.newBuilder();
      units
          .subList(from, Math.min(units.size(), from + 1000))
          .forEach(
              u ->
                  batch.addRequests(
                      EvaluateRequest.newBuilder().setUnitId(u).addExperimentKeys(experimentKey)));
      service
          .evaluation
          .batchEvaluate(batch.build())
          .getResponsesList()
          .forEach(r -> indexes.add(r.getAssignments(0).getVariationIndex()));
    }
    return indexes;
  }

  protected static FieldMask mask(String... paths) {
    return FieldMask.newBuilder().addAllPaths(List.of(paths)).build();
  }
}
