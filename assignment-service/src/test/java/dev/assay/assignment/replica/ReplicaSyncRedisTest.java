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
import io.opentelemetry.api.OpenTelemetry;
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
      create(a, "shared");
      awaitReason(
          Duration.ofSeconds(1),
          "b serves the experiment created through a",
          b,
          "u1",
          "shared",
          Reason.REASON_BUCKET);

      setOverride(a, "shared", "u1", "v1");
      awaitReason(
          Duration.ofSeconds(1),
          "b serves the override set through a",
          b,
          "u1",
          "shared",
          Reason.REASON_OVERRIDE);

      coverNobody(b, "shared");
      awaitReason(
          Duration.ofSeconds(1),
          "a serves the update made through b",
          a,
          "u2",
          "shared",
          Reason.REASON_OUTSIDE_COVERAGE);
    }
  }

  @Test
  void withRedisGoneReadsKeepAnsweringWritesFailUnavailableAndReplicasResyncWhenItReturns() {
    try (TcpProxy proxy = new TcpProxy(6379);
        AssignmentReplica cut = behind(proxy, Duration.ofMillis(300));
        AssignmentReplica healthy = new AssignmentReplica(store(TestRedis.URL))) {
      create(cut, "e");
      ExperimentAssignment before = evaluate(cut, "u1", "e");

      proxy.cut();

      assertEquals(before, evaluate(cut, "u1", "e"));
      assertEquals(
          1,
          cut.definitions
              .getExperiment(GetExperimentRequest.newBuilder().setKey("e").build())
              .getExperiment()
              .getVersion());
      assertStatus(Status.Code.UNAVAILABLE, () -> create(cut, "lost"));
      assertStatus(Status.Code.UNAVAILABLE, () -> setOverride(cut, "e", "u1", "v1"));
      assertEquals(
          Reason.REASON_BUCKET,
          evaluate(cut, "u1", "e").getReason(),
          "the failed override changed nothing");
      assertStatus(
          Status.Code.NOT_FOUND,
          () ->
              healthy.definitions.getExperiment(
                  GetExperimentRequest.newBuilder().setKey("lost").build()));

      coverNobody(healthy, "e");
      assertEquals(
          Reason.REASON_BUCKET,
          evaluate(cut, "u1", "e").getReason(),
          "still the last state while cut off");

      proxy.restore();

      awaitReason(
          Duration.ofSeconds(10),
          "the cut replica resyncs once Redis is back",
          cut,
          "u1",
          "e",
          Reason.REASON_OUTSIDE_COVERAGE);
    }
  }

  @Test
  void aReplicaResyncsAsSoonAsItsConnectionIsBackNotAtTheNextInterval() {
    try (TcpProxy proxy = new TcpProxy(6379);
        AssignmentReplica cut = behind(proxy, Duration.ofHours(1));
        AssignmentReplica healthy = new AssignmentReplica(store(TestRedis.URL))) {
      create(healthy, "e");
      awaitReason(
          Duration.ofSeconds(1),
          "the experiment reaches the replica behind the proxy",
          cut,
          "u1",
          "e",
          Reason.REASON_BUCKET);

      proxy.cut();
      coverNobody(healthy, "e");
      proxy.restore();

      awaitReason(
          Duration.ofSeconds(10),
          "the update missed while cut off arrives by the resync after reconnecting",
          cut,
          "u1",
          "e",
          Reason.REASON_OUTSIDE_COVERAGE);
    }
  }

  /** A store of its own (and a client of its own) through {@code url}, on this test's prefix. */
  private RedisAssignmentStore store(String url) {
    return store(url, Duration.ofSeconds(30));
  }

  private RedisAssignmentStore store(String url, Duration resyncInterval) {
    return redis.closeLater(
        new RedisAssignmentStore(
            redis.connect(url), new ProtoStoreCodec(), resyncInterval, OpenTelemetry.noop()));
  }

  /** A replica whose store reaches Redis through {@code proxy}. */
  private AssignmentReplica behind(TcpProxy proxy, Duration resyncInterval) {
    return new AssignmentReplica(
        store(proxy.redisUrl(), resyncInterval), MutableClock.atSystemTime());
  }

  /**
   * Waits until {@code replica} gives {@code unit} the {@code reason} in experiment {@code key}.
   */
  private static void awaitReason(
      Duration limit,
      String what,
      AssignmentReplica replica,
      String unit,
      String key,
      Reason reason) {
    awaitWithin(limit, what, () -> evaluate(replica, unit, key).getReason() == reason);
  }

  private static void create(AssignmentReplica replica, String key) {
    replica.definitions.createExperiment(
        CreateExperimentRequest.newBuilder().setExperiment(running(key, 0.5, 0.5)).build());
  }

  /** Updates the experiment's coverage to 0, so that every unit is outside it. */
  private static void coverNobody(AssignmentReplica replica, String key) {
    replica.definitions.updateExperiment(
        UpdateExperimentRequest.newBuilder()
            .setExperiment(running(key).setCoverage(0))
            .setUpdateMask(FieldMask.newBuilder().addPaths("coverage"))
            .build());
  }

  private static void setOverride(
      AssignmentReplica replica, String key, String unit, String variation) {
    replica.overrides.setOverride(
        SetOverrideRequest.newBuilder()
            .setOverride(
                Override.newBuilder()
                    .setTarget(OverrideTarget.newBuilder().setExperimentKey(key))
                    .setUnitId(unit)
                    .setVariationKey(variation))
            .build());
  }

  private static ExperimentAssignment evaluate(AssignmentReplica replica, String unit, String key) {
    return replica
        .evaluation
        .evaluate(EvaluateRequest.newBuilder().setUnitId(unit).addExperimentKeys(key).build())
        .getAssignments(0);
  }
}
