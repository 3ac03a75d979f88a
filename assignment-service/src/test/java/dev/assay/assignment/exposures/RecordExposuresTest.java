package dev.assay.assignment.exposures;

import static dev.assay.runtime.testing.Await.awaitWithin;
import static dev.assay.runtime.testing.GrpcAssertions.assertInvalid;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assay.assignment.v1.EvaluateRequest;
import dev.assay.assignment.v1.ExperimentAssignment;
import dev.assay.assignment.v1.Reason;
import dev.assay.assignment.v1.RecordExposuresRequest;
import dev.assay.assignment.v1.RecordExposuresResponse;
import java.time.Duration;
import java.util.Collections;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The explicit RecordExposures RPC, for clients that evaluate early and show later. */
class RecordExposuresTest {
  private final ExposureHarness harness = ExposureHarness.prompt();

  @AfterEach
  void close() {
    harness.close();
  }

  @Test
  void recordsWhatAPrefetchingClientShowedAndReturnsTheSameAssignments() {
    harness.createRunning("shown");
    ExperimentAssignment prefetched =
        harness
            .replica
            .evaluation
            .evaluate(
                EvaluateRequest.newBuilder()
                    .setUnitId("user-1")
                    .addExperimentKeys("shown")
                    .setSkipExposures(true)
                    .build())
            .getAssignments(0);
    assertEquals(0, harness.recorder.stats().recorded());

    RecordExposuresResponse response =
        harness.replica.evaluation.recordExposures(
            RecordExposuresRequest.newBuilder()
                .setUnitId("user-1")
                .addExperimentKeys("shown")
                .addExperimentKeys("never-defined")
                .build());

    assertEquals(2, response.getAssignmentsCount());
    assertEquals(prefetched, response.getAssignments(0));
    assertEquals(Reason.REASON_UNKNOWN_KEY, response.getAssignments(1).getReason());
    awaitWithin(
        Duration.ofSeconds(10), "one exposure", () -> harness.receiver.exposures().size() == 1);
    assertEquals("shown", harness.receiver.exposures().get(0).getExperimentKey());
    assertEquals(
        prefetched.getVariationIndex(), harness.receiver.exposures().get(0).getVariationIndex());
  }

  @Test
  void anExperimentTheUnitIsNotInIsReturnedButNotRecorded() {
    harness.create(dev.assay.assignment.support.Protos.running("closed", 0.5, 0.5).setCoverage(0));

    RecordExposuresResponse response =
        harness.replica.evaluation.recordExposures(
            RecordExposuresRequest.newBuilder()
                .setUnitId("user-1")
                .addExperimentKeys("closed")
                .build());

    assertEquals(Reason.REASON_OUTSIDE_COVERAGE, response.getAssignments(0).getReason());
    assertTrue(!response.getAssignments(0).getInExperiment());
    assertEquals(0, harness.recorder.stats().recorded());
  }

  @Test
  void badRequestsAreRefusedNamingTheFieldAndRecordNothing() {
    harness.createRunning("shown");

    assertInvalid(
        () ->
            harness.replica.evaluation.recordExposures(
                RecordExposuresRequest.newBuilder().setUnitId("user-1").build()),
        "experiment_keys");
    assertInvalid(
        () ->
            harness.replica.evaluation.recordExposures(
                RecordExposuresRequest.newBuilder()
                    .setUnitId("user-1")
                    .addAllExperimentKeys(Collections.nCopies(1_001, "shown"))
                    .build()),
        "experiment_keys");
    assertInvalid(
        () ->
            harness.replica.evaluation.recordExposures(
                RecordExposuresRequest.newBuilder().addExperimentKeys("shown").build()),
        "unit_id");
    assertInvalid(
        () ->
            harness.replica.evaluation.recordExposures(
                RecordExposuresRequest.newBuilder()
                    .setUnitId("user-1")
                    .addExperimentKeys("x".repeat(129))
                    .build()),
        "experiment_keys[0]");

    assertEquals(0, harness.recorder.stats().recorded());
  }
}
