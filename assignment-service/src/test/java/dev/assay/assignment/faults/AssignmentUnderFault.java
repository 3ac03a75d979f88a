package dev.assay.assignment.faults;

import static dev.assay.assignment.support.Protos.running;

import dev.assay.assignment.api.ProtoStoreCodec;
import dev.assay.assignment.store.RedisAssignmentStore;
import dev.assay.assignment.support.AssignmentReplica;
import dev.assay.assignment.v1.CreateExperimentRequest;
import dev.assay.assignment.v1.EvaluateRequest;
import dev.assay.assignment.v1.ExperimentAssignment;
import dev.assay.assignment.v1.OverrideTarget;
import dev.assay.assignment.v1.Reason;
import dev.assay.assignment.v1.SetOverrideRequest;
import dev.assay.runtime.redis.RedisSettings;
import dev.assay.runtime.redis.SharedRedisClient;
import dev.assay.runtime.testing.Await;
import dev.assay.runtime.testing.BackgroundLoad;
import io.grpc.StatusRuntimeException;
import io.opentelemetry.api.OpenTelemetry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Two assignment replicas on a Redis of the test's own, under load while the test breaks Redis: one
 * thread evaluates on both replicas without pause and counts every evaluation that fails or does
 * not find a known experiment; another writes overrides through replica A and keeps the ones
 * acknowledged. The test asserts on those afterwards.
 */
final class AssignmentUnderFault implements AutoCloseable {
  static final String EXPERIMENT = "checkout";

  final List<SharedRedisClient> clients = new ArrayList<>();
  final List<RedisAssignmentStore> stores = new ArrayList<>();
  final AssignmentReplica a;
  final AssignmentReplica b;
  final AtomicLong evaluations = new AtomicLong();
  final AtomicLong failedEvaluations = new AtomicLong();
  final AtomicLong refusedWrites = new AtomicLong();
  final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
  volatile String firstFailure = "";
  private final BackgroundLoad load = new BackgroundLoad();
  private final AtomicLong evaluationIndex = new AtomicLong();
  private final AtomicLong writeIndex = new AtomicLong();

  /** Replica A reaches Redis through {@code urlA}, B through {@code urlB}. */
  AssignmentUnderFault(String urlA, String urlB, int waitReplicas) {
    a = new AssignmentReplica(store(urlA, waitReplicas));
    b = new AssignmentReplica(store(urlB, waitReplicas));
    a.definitions.createExperiment(
        CreateExperimentRequest.newBuilder().setExperiment(running(EXPERIMENT, 0.5, 0.5)).build());
    Await.awaitWithin(
        Duration.ofSeconds(5),
        "replica b serves the experiment created through a",
        () -> evaluate(b, "u").getReason() != Reason.REASON_UNKNOWN_KEY);
  }

  private RedisAssignmentStore store(String url, int waitReplicas) {
    SharedRedisClient client =
        SharedRedisClient.create(
            new RedisSettings(
                url,
                "fault",
                Duration.ofSeconds(2),
                RedisSettings.DEFAULT_RECONNECT_MAX,
                waitReplicas,
                Duration.ofSeconds(2)));
    clients.add(client);
    RedisAssignmentStore store =
        new RedisAssignmentStore(
            client, new ProtoStoreCodec(), Duration.ofSeconds(30), OpenTelemetry.noop());
    stores.add(store);
    return store;
  }

  /** Starts evaluating on both replicas, and writing overrides through A, until closed. */
  void startLoad() {
    load.loop("evaluate", this::evaluateOnce).loop("write", this::writeOnce);
  }

  /** Stops the load. */
  void stopLoad() {
    load.stop();
  }

  /** Sets one override through A; true if acknowledged. */
  boolean trySetOverride(String unit) {
    try {
      a.overrides.setOverride(
          SetOverrideRequest.newBuilder()
              .setOverride(
                  dev.assay.assignment.v1.Override.newBuilder()
                      .setTarget(OverrideTarget.newBuilder().setExperimentKey(EXPERIMENT))
                      .setUnitId(unit)
                      .setVariationKey("v1"))
              .build());
      acknowledged.add(unit);
      return true;
    } catch (StatusRuntimeException e) {
      refusedWrites.incrementAndGet();
      return false;
    }
  }

  /** How {@code replica} assigns {@code unit}. */
  static ExperimentAssignment evaluate(AssignmentReplica replica, String unit) {
    return replica
        .evaluation
        .evaluate(
            EvaluateRequest.newBuilder().setUnitId(unit).addExperimentKeys(EXPERIMENT).build())
        .getAssignments(0);
  }

  /** Whether {@code replica} serves every acknowledged override. */
  boolean servesEveryAcknowledgedOverride(AssignmentReplica replica) {
    for (String unit : acknowledged) {
      if (evaluate(replica, unit).getReason() != Reason.REASON_OVERRIDE) {
        return false;
      }
    }
    return true;
  }

  private void evaluateOnce() {
    long i = evaluationIndex.getAndIncrement();
    AssignmentReplica replica = i % 2 == 0 ? a : b;
    try {
      Reason reason = evaluate(replica, "load-" + (i % 1000)).getReason();
      if (reason == Reason.REASON_UNKNOWN_KEY) {
        fail("unknown key on replica " + (i % 2 == 0 ? "a" : "b"));
      }
    } catch (RuntimeException e) {
      fail(e.toString());
    }
    evaluations.incrementAndGet();
  }

  private void fail(String why) {
    if (failedEvaluations.incrementAndGet() == 1) {
      firstFailure = why;
    }
  }

  private void writeOnce() {
    trySetOverride("w-" + writeIndex.getAndIncrement());
    LockSupport.parkNanos(2_000_000); // pace the writer: about 500 writes a second at most
  }

  @Override
  public void close() {
    stopLoad();
    a.close();
    b.close();
    stores.forEach(RedisAssignmentStore::close);
    clients.forEach(SharedRedisClient::close);
  }
}
