package dev.assay.bandit.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import dev.assay.bandit.store.StoreState;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * What must hold after every hostile input: OK or a precise client code (never INTERNAL, UNKNOWN
 * or, with the store up, UNAVAILABLE), bounded error text, no NaN or infinity anywhere in an OK
 * answer, the call under a second, the store unchanged by a failed or read-only call, and the
 * server still answering.
 */
final class CallInvariants {
  /** Codes that say precisely what the caller did wrong or must do. */
  private static final Set<Status.Code> CLIENT_CODES =
      EnumSet.of(
          Status.Code.INVALID_ARGUMENT,
          Status.Code.NOT_FOUND,
          Status.Code.ALREADY_EXISTS,
          Status.Code.FAILED_PRECONDITION,
          Status.Code.ABORTED,
          Status.Code.OUT_OF_RANGE,
          Status.Code.RESOURCE_EXHAUSTED);

  /** The bound on every call. */
  private static final long MAX_CALL_MILLIS = 1_000;

  private final Supplier<StoreState> state;
  private final Supplier<String> liveness;

  /**
   * Checks reading the store through {@code state}; {@code liveness} is a cheap call that must
   * succeed after every input.
   */
  CallInvariants(Supplier<StoreState> state, Supplier<String> liveness) {
    this.state = state;
    this.liveness = liveness;
  }

  /**
   * Makes {@code call} and checks the invariants; a failed write must leave the store unchanged
   * when {@code failureChangesNothing} (a stream applies each message as it arrives, so it may
   * not).
   */
  void check(boolean isWrite, boolean failureChangesNothing, Supplier<? extends Message> call) {
    StoreState before = state.get();
    long start = System.nanoTime();
    Message response = null;
    Status status = Status.OK;
    try {
      response = call.get();
    } catch (StatusRuntimeException e) {
      status = e.getStatus();
    }
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    assertTrue(
        millis < MAX_CALL_MILLIS,
        "the call took "
            + millis
            + " ms; "
            + (response == null ? status : response.getClass().getSimpleName()));
    if (response != null) {
      assertFinite(response, response.getDescriptorForType().getName());
    } else {
      assertTrue(CLIENT_CODES.contains(status.getCode()), "not a precise client code: " + status);
      String description = String.valueOf(status.getDescription());
      assertTrue(
          description.length() <= 4_096, "error text of " + description.length() + " characters");
    }
    if (!isWrite || (response == null && failureChangesNothing)) {
      assertEquals(before, state.get(), "a failed or read-only call changed the store: " + status);
    }
    assertEquals("tb", liveness.get(), "the server still answers");
  }

  /** Every double and float in {@code message}, at any depth (maps included), is finite. */
  private static void assertFinite(Message message, String path) {
    message
        .getAllFields()
        .forEach(
            (field, value) -> {
              List<?> values = field.isRepeated() ? (List<?>) value : List.of(value);
              for (Object v : values) {
                String at = path + "." + field.getName();
                if (field.getJavaType() == FieldDescriptor.JavaType.DOUBLE) {
                  assertTrue(Double.isFinite((Double) v), at + " = " + v);
                } else if (field.getJavaType() == FieldDescriptor.JavaType.FLOAT) {
                  assertTrue(Float.isFinite((Float) v), at + " = " + v);
                } else if (field.getJavaType() == FieldDescriptor.JavaType.MESSAGE) {
                  assertFinite((Message) v, at);
                }
              }
            });
  }
}
