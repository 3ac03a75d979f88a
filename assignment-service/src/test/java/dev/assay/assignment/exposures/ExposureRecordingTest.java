package dev.assay.assignment.exposures;

import static dev.assay.runtime.testing.Await.awaitWithin;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.util.Timestamps;
import dev.assay.analysis.v1.Exposure;
import dev.assay.assignment.support.Protos;
import dev.assay.assignment.v1.BatchEvaluateRequest;
import dev.assay.assignment.v1.CreateFeatureFlagRequest;
import dev.assay.assignment.v1.EvaluateRequest;
import dev.assay.assignment.v1.ExperimentAssignment;
import dev.assay.assignment.v1.ExperimentRule;
import dev.assay.assignment.v1.ExperimentStatus;
import dev.assay.assignment.v1.FeatureFlag;
import dev.assay.assignment.v1.FlagRule;
import dev.assay.assignment.v1.FlagValueType;
import dev.assay.assignment.v1.OverrideTarget;
import dev.assay.assignment.v1.Reason;
import dev.assay.assignment.v1.SetOverrideRequest;
import dev.assay.assignment.v1.StreamEvaluateRequest;
import dev.assay.assignment.v1.StreamEvaluateResponse;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Which evaluations record an exposure, and what it holds: through the real gRPC services, the
 * recorder and its gRPC transport, into a fake of the analysis service's exposure contract.
 */
class ExposureRecordingTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private final ExposureHarness harness = ExposureHarness.prompt();

  @AfterEach
  void close() {
    harness.close();
  }

  /** Evaluates {@code marker} in a running experiment and waits until its exposure arrived. */
  private void awaitMarker(String unitId) {
    harness.createRunning("marker");
    harness.evaluate(unitId, "marker");
    awaitWithin(WAIT, "the marker's exposure", () -> harness.receiver.units().contains(unitId));
  }

  @Test
  void theFirstExposureIsSentWithEveryField() {
    harness.create(Protos.running("checkout", 0.25, 0.75));

    ExperimentAssignment assignment = harness.evaluate("user-1", "checkout").getAssignments(0);

    awaitWithin(WAIT, "one exposure", () -> harness.receiver.exposures().size() == 1);
    Exposure exposure = harness.receiver.exposures().get(0);
    assertTrue(assignment.getInExperiment());
    assertEquals("checkout", exposure.getExperimentKey());
    assertEquals(assignment.getVariationIndex(), exposure.getVariationIndex());
    assertEquals(assignment.getVariationKey(), exposure.getVariationKey());
    assertEquals("user-1", exposure.getUnitId());
    assertEquals(ExposureHarness.NOW.toEpochMilli(), Timestamps.toMillis(exposure.getTime()));
    assertFalse(exposure.getOverridden());
    assertEquals(List.of(0.25, 0.75), exposure.getVariationWeightsList());
    assertEquals(List.of("Bearer " + ExposureHarness.TOKEN), harness.receiver.authorizations);
  }

  @Test
  void equalWeightsAreSentWhenNoneAreSet() {
    harness.create(Protos.running("unweighted", 0, 0, 0, 0));

    harness.evaluate("user-1", "unweighted");

    awaitWithin(WAIT, "one exposure", () -> harness.receiver.exposures().size() == 1);
    assertEquals(
        List.of(0.25, 0.25, 0.25, 0.25),
        harness.receiver.exposures().get(0).getVariationWeightsList());
  }

  @Test
  void repeatedEvaluationsOfAUnitSendOneExposure() {
    harness.createRunning("checkout");
    for (int i = 0; i < 50; i++) {
      harness.evaluate("user-1", "checkout");
    }

    awaitMarker("user-2");

    assertEquals(List.of("user-1", "user-2"), harness.receiver.units());
    assertEquals(2, harness.recorder.stats().recorded());
  }

  @Test
  void aUnitIsExposedOncePerExperiment() {
    harness.createRunning("a");
    harness.createRunning("b");

    harness.evaluate("user-1", "a", "b");
    harness.evaluate("user-1", "b", "a");

    awaitWithin(WAIT, "two exposures", () -> harness.receiver.exposures().size() == 2);
    assertEquals(
        List.of("a", "b"),
        harness.receiver.exposures().stream().map(Exposure::getExperimentKey).toList());
  }

  @Test
  void skipExposuresRecordsNothing() {
    harness.createRunning("checkout");

    ExperimentAssignment assignment =
        harness
            .replica
            .evaluation
            .evaluate(
                EvaluateRequest.newBuilder()
                    .setUnitId("prefetched")
                    .addExperimentKeys("checkout")
                    .setSkipExposures(true)
                    .build())
            .getAssignments(0);
    awaitMarker("marker-unit");

    assertTrue(assignment.getInExperiment(), "the assignment is still returned");
    assertEquals(List.of("marker-unit"), harness.receiver.units());
  }

  @Test
  void anOverriddenVariationIsFlagged() {
    harness.createRunning("checkout");
    harness.replica.overrides.setOverride(
        SetOverrideRequest.newBuilder()
            .setOverride(
                dev.assay.assignment.v1.Override.newBuilder()
                    .setTarget(OverrideTarget.newBuilder().setExperimentKey("checkout"))
                    .setUnitId("qa-1")
                    .setVariationKey("v1")
                    .setReason("qa"))
            .build());

    ExperimentAssignment assignment = harness.evaluate("qa-1", "checkout").getAssignments(0);

    awaitWithin(WAIT, "one exposure", () -> harness.receiver.exposures().size() == 1);
    Exposure exposure = harness.receiver.exposures().get(0);
    assertEquals(Reason.REASON_OVERRIDE, assignment.getReason());
    assertTrue(exposure.getOverridden());
    assertEquals(1, exposure.getVariationIndex());
    assertEquals("v1", exposure.getVariationKey());
  }

  @Test
  void noExposureWhenNotRunningNotInTheExperimentOrRolledOut() {
    harness.create(
        Protos.running("draft", 0.5, 0.5).setStatus(ExperimentStatus.EXPERIMENT_STATUS_DRAFT));
    harness.create(
        Protos.running("rolled-out", 0.5, 0.5)
            .setStatus(ExperimentStatus.EXPERIMENT_STATUS_STOPPED)
            .setRolledOutVariation(1));
    harness.create(Protos.running("no-coverage", 0.5, 0.5).setCoverage(0));
    harness.create(
        Protos.running("fr-only", 0.5, 0.5)
            .setCondition(
                com.google.protobuf.Struct.newBuilder()
                    .putFields("country", Protos.string("FR"))
                    .build()));
    // An override applies to a draft too, but a draft exposes nobody.
    harness.replica.overrides.setOverride(
        SetOverrideRequest.newBuilder()
            .setOverride(
                dev.assay.assignment.v1.Override.newBuilder()
                    .setTarget(OverrideTarget.newBuilder().setExperimentKey("draft"))
                    .setUnitId("user-1")
                    .setVariationKey("v1"))
            .build());

    List<Reason> reasons =
        harness
            .evaluate("user-1", "draft", "rolled-out", "no-coverage", "fr-only", "unknown")
            .getAssignmentsList()
            .stream()
            .map(ExperimentAssignment::getReason)
            .toList();
    awaitMarker("marker-unit");

    assertEquals(
        List.of(
            Reason.REASON_OVERRIDE,
            Reason.REASON_ROLLED_OUT,
            Reason.REASON_OUTSIDE_COVERAGE,
            Reason.REASON_NOT_TARGETED,
            Reason.REASON_UNKNOWN_KEY),
        reasons);
    assertEquals(List.of("marker-unit"), harness.receiver.units());
  }

  @Test
  void aFlagsExperimentRuleRecordsTheExperimentsExposure() {
    harness.createRunning("new-checkout");
    harness.replica.definitions.createFeatureFlag(
        CreateFeatureFlagRequest.newBuilder()
            .setFlag(
                FeatureFlag.newBuilder()
                    .setKey("checkout-flag")
                    .setValueType(FlagValueType.FLAG_VALUE_TYPE_BOOL)
                    .setDefaultValue(Protos.bool(false))
                    .addRules(
                        FlagRule.newBuilder()
                            .setExperiment(
                                ExperimentRule.newBuilder()
                                    .setExperimentKey("new-checkout")
                                    .addVariationValues(Protos.bool(false))
                                    .addVariationValues(Protos.bool(true)))))
            .build());

    var flag =
        harness
            .replica
            .evaluation
            .evaluate(
                EvaluateRequest.newBuilder()
                    .setUnitId("user-1")
                    .addExperimentKeys("no-such-experiment")
                    .addFlagKeys("checkout-flag")
                    .build())
            .getFlags(0);

    awaitWithin(WAIT, "one exposure", () -> harness.receiver.exposures().size() == 1);
    Exposure exposure = harness.receiver.exposures().get(0);
    assertEquals(Reason.REASON_EXPERIMENT, flag.getReason());
    assertEquals("new-checkout", exposure.getExperimentKey());
    assertEquals(flag.getExperiment().getVariationIndex(), exposure.getVariationIndex());
    assertEquals("user-1", exposure.getUnitId());
  }

  @Test
  void batchEvaluateRecordsEachUnitUnlessItSkips() {
    harness.createRunning("checkout");
    EvaluateRequest.Builder unit = EvaluateRequest.newBuilder().addExperimentKeys("checkout");

    harness.replica.evaluation.batchEvaluate(
        BatchEvaluateRequest.newBuilder()
            .addRequests(unit.clone().setUnitId("b1"))
            .addRequests(unit.clone().setUnitId("b2").setSkipExposures(true))
            .addRequests(unit.clone().setUnitId("b3"))
            .build());
    awaitMarker("marker-unit");

    assertEquals(List.of("b1", "b3", "marker-unit"), harness.receiver.units());
  }

  @Test
  void streamEvaluateRecordsEachUnit() throws InterruptedException {
    harness.createRunning("checkout");
    CountDownLatch done = new CountDownLatch(1);
    StreamObserver<StreamEvaluateRequest> requests =
        harness.replica.asyncEvaluation.streamEvaluate(
            new StreamObserver<StreamEvaluateResponse>() {
              @Override
              public void onNext(StreamEvaluateResponse value) {}

              @Override
              public void onError(Throwable t) {
                done.countDown();
              }

              @Override
              public void onCompleted() {
                done.countDown();
              }
            });
    for (String unit : List.of("s1", "s2")) {
      requests.onNext(
          StreamEvaluateRequest.newBuilder()
              .setRequest(
                  EvaluateRequest.newBuilder().setUnitId(unit).addExperimentKeys("checkout"))
              .build());
    }
    requests.onCompleted();
    assertTrue(done.await(10, TimeUnit.SECONDS));

    awaitWithin(WAIT, "two exposures", () -> harness.receiver.exposures().size() == 2);
    assertEquals(List.of("s1", "s2"), harness.receiver.units());
  }
}
