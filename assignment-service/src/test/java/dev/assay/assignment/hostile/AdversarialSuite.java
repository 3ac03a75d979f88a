package dev.assay.assignment.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import com.google.protobuf.Struct;
import com.google.protobuf.util.JsonFormat;
import dev.assay.assignment.store.AssignmentStore;
import dev.assay.assignment.support.AssignmentReplica;
import dev.assay.assignment.v1.CreateExperimentRequest;
import dev.assay.assignment.v1.CreateFeatureFlagRequest;
import dev.assay.assignment.v1.EvaluateRequest;
import dev.assay.assignment.v1.Experiment;
import dev.assay.assignment.v1.FeatureFlag;
import dev.assay.assignment.v1.SetOverrideRequest;
import dev.assay.runtime.testing.Cases;
import dev.assay.runtime.testing.MutableClock;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;

/**
 * The adversarial suite: generated hostile requests for every RPC against one replica of the real
 * service over a real store. After every request: a precise code (never {@code INTERNAL} or {@code
 * UNKNOWN}), no NaN or infinity in an answer, an error message of bounded size, the call under one
 * second, the server still answering, and after a failed write the store exactly as before.
 *
 * <p>Seeded, so every run sends the same requests: {@value #REQUESTS} per store, on one store and
 * one replica (the state the requests build up is part of the test). For a longer run pass {@code
 * -Dassay.adversarial.tries=20000} (and {@code -Dassay.adversarial.seed=N} for other requests); see
 * {@link Cases}.
 */
abstract class AdversarialSuite {
  private static final Set<Status.Code> CLIENT_ERRORS =
      EnumSet.of(
          Status.Code.INVALID_ARGUMENT,
          Status.Code.NOT_FOUND,
          Status.Code.ALREADY_EXISTS,
          Status.Code.FAILED_PRECONDITION,
          Status.Code.ABORTED);
  private static final long MAX_CALL_NANOS = Duration.ofSeconds(1).toNanos();
  private static final int MAX_MESSAGE_CHARS = 8_192;

  /** The seed of the requests: the day the suite was written. */
  static final long SEED = 20261202L;

  /** Requests sent per store on every build. */
  static final int REQUESTS = 1_000;

  private AssignmentStore store;
  private AssignmentReplica replica;

  /** A new, empty store of the kind under test. */
  abstract AssignmentStore newStore();

  /** Releases what {@link #newStore} acquired, after the store is closed. */
  void cleanUp() {}

  @BeforeEach
  void start() throws Exception {
    store = newStore();
    replica = new AssignmentReplica(store, MutableClock.atSystemTime());
    seedDefinitions();
  }

  @AfterEach
  void stop() {
    replica.close();
    store.close();
    cleanUp();
  }

  @Test
  void everyRequestIsAnsweredPreciselyQuicklyAndAtomically(TestReporter reporter) {
    Map<String, Integer> rpcs = new TreeMap<>();
    Map<Status.Code, Integer> codes = new TreeMap<>();
    try {
      Cases.forAll(
          "hostile requests over " + getClass().getSimpleName(),
          SEED,
          REQUESTS,
          HostileRequests.calls(),
          call -> {
            Status.Code code = sendAndCheck(call);
            rpcs.merge(call.rpc(), 1, Integer::sum);
            codes.merge(code, 1, Integer::sum);
          });
    } finally {
      // reported even on failure: how often each RPC was sent and each code answered
      reporter.publishEntry("rpcs", rpcs.toString());
      reporter.publishEntry("codes", codes.toString());
    }
  }

  /** Sends {@code call}, checks every guarantee, and returns the code it was answered with. */
  private Status.Code sendAndCheck(HostileCall call) {
    StoreDump before = call.isWrite() ? StoreDump.of(store) : null;
    Status status = Status.OK;
    List<? extends Message> answers = List.of();
    long started = System.nanoTime();
    try {
      answers = call.send().apply(replica);
    } catch (StatusRuntimeException e) {
      status = e.getStatus();
    }
    long elapsed = System.nanoTime() - started;
    Status answered = status;

    String description = String.valueOf(status.getDescription());
    assertTrue(
        answered.isOk() || CLIENT_ERRORS.contains(answered.getCode()),
        () -> "imprecise answer " + answered.getCode() + ": " + clip(description));
    assertTrue(
        description.length() <= MAX_MESSAGE_CHARS,
        () -> "error message of " + description.length() + " characters: " + clip(description));
    for (Message answer : answers) {
      assertFinite(answer, answer.getDescriptorForType().getName());
    }
    assertTrue(
        elapsed < MAX_CALL_NANOS,
        () -> call.rpc() + " took " + Duration.ofNanos(elapsed).toMillis() + " ms");
    if (before != null && !status.isOk()) {
      assertEquals(before, StoreDump.of(store), "a rejected write changed the store");
    }
    replica.evaluation.evaluate(
        EvaluateRequest.newBuilder().setUnitId("u1").addExperimentKeys("e0").build());
    return status.getCode();
  }

  /** Definitions with catastrophic (for a backtracking engine) patterns, and overrides. */
  private void seedDefinitions() throws Exception {
    replica.definitions.createExperiment(
        CreateExperimentRequest.newBuilder().setExperiment(experiment("e0", "(.*,){6}X")).build());
    replica.definitions.createExperiment(
        CreateExperimentRequest.newBuilder().setExperiment(experiment("e1", "^(a+)+$")).build());
    FeatureFlag.Builder flag = FeatureFlag.newBuilder();
    JsonFormat.parser()
        .merge(
            """
            {"key": "f0", "valueType": "FLAG_VALUE_TYPE_JSON", "defaultValue": {"x": 1},
             "rules": [
               {"condition": {"name": {"$regex": "(a|aa)*c"}}, "force": {"value": [1, 2]}},
               {"experiment": {"experimentKey": "e0", "variationValues": [1, 2]}}]}
            """,
            flag);
    replica.definitions.createFeatureFlag(
        CreateFeatureFlagRequest.newBuilder().setFlag(flag).build());
    dev.assay.assignment.v1.Override.Builder override =
        dev.assay.assignment.v1.Override.newBuilder();
    JsonFormat.parser()
        .merge(
            """
            {"target": {"experimentKey": "e0"}, "unitId": "u2", "variationKey": "v1"}
            """,
            override);
    replica.overrides.setOverride(SetOverrideRequest.newBuilder().setOverride(override).build());
  }

  private static Experiment experiment(String key, String pattern) throws Exception {
    Struct.Builder condition = Struct.newBuilder();
    JsonFormat.parser()
        .merge(
            "{\"name\": {\"$regex\": "
                + JsonFormat.printer().print(HostileValues.string(pattern))
                + "}}",
            condition);
    return dev.assay.assignment.support.Protos.running(key, 0.5, 0.5)
        .setCondition(condition)
        .build();
  }

  /** Asserts every double and float in {@code message}, at any depth, is finite. */
  private static void assertFinite(Message message, String path) {
    for (var entry : message.getAllFields().entrySet()) {
      FieldDescriptor field = entry.getKey();
      String at = path + "." + field.getName();
      List<?> values = field.isRepeated() ? (List<?>) entry.getValue() : List.of(entry.getValue());
      for (Object value : values) {
        if (value instanceof Double d) {
          assertTrue(Double.isFinite(d), () -> at + " is " + d);
        } else if (value instanceof Float f) {
          assertTrue(Float.isFinite(f), () -> at + " is " + f);
        } else if (value instanceof Message nested) {
          assertFinite(nested, at);
        }
      }
    }
  }

  private static String clip(String text) {
    return text.length() > 500 ? text.substring(0, 500) + "…" : text;
  }
}
