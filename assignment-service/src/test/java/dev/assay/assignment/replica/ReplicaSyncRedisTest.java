package dev.assay.assignment.replica;

import static dev.assay.assignment.support.Protos.running;
import static dev.assay.runtime.testing.Await.awaitWithin;
import static dev.assay.runtime.testing.GrpcAssertions.assertStatus;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.protobuf.FieldMask;
import dev.assay.assignment.api.ProtoStoreCodec;
import dev.assay.assignment.store.RedisAssignmentStore;
import dev.assay.assignment.support.AssignmentReplica;
import dev.assay.assignment.v1.CreateExperimentRequest;
import dev.assay.assignment.v1.EvaluateRequest;
import dev.assay.assignment.v1.ExperimentAssignment;
import dev.assay.assignment.v1.GetExperimentRequest;
import dev.assay.assignment.v1.Override;
import dev.assay.assignment.v1.OverrideTarget;
import dev.assay.assignment.v1.Reason;
import dev.assay.assignment.v1.SetOverrideRequest;
import dev.assay.assignment.v1.UpdateExperimentRequest;
import dev.assay.runtime.testing.MutableClock;
import dev.assay.runtime.testing.TcpProxy;
import dev.assay.runtime.testing.TestRedis;
import io.grpc.Status;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Several replicas on the real Redis: writes through one reach the others; Redis outages. */
class ReplicaSyncRedisTest {
  private final TestRedis redis = new TestRedis();

  @AfterEach
  void cleanUp() {
    redis.close();
  }

  @Test
  void aWriteThroughOneReplicaIsServedByAnotherWithinOneSecond() {
    try (AssignmentReplica a = new AssignmentReplica(store(TestRedis.URL));
        AssignmentReplica b = new AssignmentReplica(store(TestRedis.URL))) {
      a.definitions.createExperiment(
          CreateExperimentRequest.newBuilder().setExperiment(running("shared", 0.5, 0.5)).build());
      awaitWithin(
          Duration.ofSeconds(1),
          "b serves the experiment created through a",
          () -> evaluate(b, "u1", "shared").getReason() == Reason.REASON_BUCKET);

      a.overrides.setOverride(
          SetOverrideRequest.newBuilder()
              .setOverride(
                  Override.newBuilder()
                      .setTarget(OverrideTarget.newBuilder().setExperimentKey("shared"))
                      .setUnitId("u1")
                      .setVariationKey("v1"))
              .build());
      awaitWithin(
          Duration.ofSeconds(1),
          "b serves the override set through a",
          () -> evaluate(b, "u1", "shared").getReason() == Reason.REASON_OVERRIDE);

      b.definitions.updateExperiment(
          UpdateExperimentRequest.newBuilder()
              .setExperiment(running("shared").setCoverage(0))
              .setUpdateMask(FieldMask.newBuilder().addPaths("coverage"))
              .build());
      awaitWithin(
          Duration.ofSeconds(1),
          "a serves the update made through b",
          () -> evaluate(a, "u2", "shared").getReason() == Reason.REASON_OUTSIDE_COVERAGE);
    }
  }

  @Test
  void withRedisGoneReadsKeepAnsweringWritesFailUnavailableAndReplicasResyncWhenItReturns() {
    try (TcpProxy proxy = new TcpProxy(6379);
        AssignmentReplica cut =
            new AssignmentReplica(
                store(proxy.redisUrl()), MutableClock.atSystemTime(), Duration.ofMillis(300));
        AssignmentReplica healthy = new AssignmentReplica(store(TestRedis.URL))) {
      cut.definitions.createExperiment(
          CreateExperimentRequest.newBuilder().setExperiment(running("e", 0.5, 0.5)).build());
      ExperimentAssignment before = evaluate(cut, "u1", "e");

      proxy.cut();

      assertEquals(before, evaluate(cut, "u1", "e"));
      assertEquals(
          1,
          cut.definitions
              .getExperiment(GetExperimentRequest.newBuilder().setKey("e").build())
              .getExperiment()
              .getVersion());
      assertStatus(
          Status.Code.UNAVAILABLE,
          () ->
              cut.definitions.createExperiment(
                  CreateExperimentRequest.newBuilder()
                      .setExperiment(running("lost", 0.5, 0.5))
                      .build()));
      assertStatus(
          Status.Code.UNAVAILABLE,
          () ->
              cut.overrides.setOverride(
                  SetOverrideRequest.newBuilder()
                      .setOverride(
                          Override.newBuilder()
                              .setTarget(OverrideTarget.newBuilder().setExperimentKey("e"))
                              .setUnitId("u1")
                              .setVariationKey("v1"))
                      .build()));
      assertEquals(
          Reason.REASON_BUCKET,
          evaluate(cut, "u1", "e").getReason(),
          "the failed override changed nothing");
      assertStatus(
          Status.Code.NOT_FOUND,
          () ->
              healthy.definitions.getExperiment(
                  GetExperimentRequest.newBuilder().setKey("lost").build()));

      healthy.definitions.updateExperiment(
          UpdateExperimentRequest.newBuilder()
              .setExperiment(running("e").setCoverage(0))
              .setUpdateMask(FieldMask.newBuilder().addPaths("coverage"))
              .build());
      assertEquals(
          Reason.REASON_BUCKET,
          evaluate(cut, "u1", "e").getReason(),
          "still the last state while cut off");

      proxy.restore();

      awaitWithin(
          Duration.ofSeconds(10),
          "the cut replica resyncs once Redis is back",
          () -> evaluate(cut, "u1", "e").getReason() == Reason.REASON_OUTSIDE_COVERAGE);
    }
  }

  @Test
  void aReplicaResyncsAsSoonAsItsConnectionIsBackNotAtTheNextInterval() {
    try (TcpProxy proxy = new TcpProxy(6379);
        AssignmentReplica cut =
            new AssignmentReplica(
                store(proxy.redisUrl()), MutableClock.atSystemTime(), Duration.ofHours(1));
        AssignmentReplica healthy = new AssignmentReplica(store(TestRedis.URL))) {
      healthy.definitions.createExperiment(
          CreateExperimentRequest.newBuilder().setExperiment(running("e", 0.5, 0.5)).build());
      awaitWithin(
          Duration.ofSeconds(1),
          "the experiment reaches the replica behind the proxy",
          () -> evaluate(cut, "u1", "e").getReason() == Reason.REASON_BUCKET);

      proxy.cut();
      healthy.definitions.updateExperiment(
          UpdateExperimentRequest.newBuilder()
              .setExperiment(running("e").setCoverage(0))
              .setUpdateMask(FieldMask.newBuilder().addPaths("coverage"))
              .build());
      proxy.restore();

      awaitWithin(
          Duration.ofSeconds(10),
          "the update missed while cut off arrives by the resync after reconnecting",
          () -> evaluate(cut, "u1", "e").getReason() == Reason.REASON_OUTSIDE_COVERAGE);
    }
  }

  /** A store of its own (and a client of its own) through {@code url}, on this test's prefix. */
  private RedisAssignmentStore store(String url) {
    return redis.closeLater(new RedisAssignmentStore(redis.connect(url), new ProtoStoreCodec()));
  }

  private static ExperimentAssignment evaluate(AssignmentReplica replica, String unit, String key) {
    return replica
        .evaluation
        .evaluate(EvaluateRequest.newBuilder().setUnitId(unit).addExperimentKeys(key).build())
        .getAssignments(0);
  }
}
