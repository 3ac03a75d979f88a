package dev.assay.runtime.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import dev.assay.runtime.log.ThrottledWarning;
import dev.assay.runtime.testing.Await;
import dev.assay.runtime.testing.GrpcAssertions;
import dev.assay.runtime.testing.InProcessGrpc;
import dev.assay.runtime.testing.RawCalls;
import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.stub.ClientCalls;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MalformedRequestGuardTest {
  private final TestEcho echo = new TestEcho();
  private final InProcessGrpc grpc = InProcessGrpc.start("test", echo);

  @AfterEach
  void stop() {
    grpc.close();
  }

  @ParameterizedTest(name = "{1}")
  @CsvSource({
    // Struct {fields: {key: <C3 28>}}
    "0a040a02c328, a string field is not valid UTF-8",
    // Struct {fields: {key: <a lone high surrogate, ED A0 80>}}
    "0a050a03eda080, a string field is not valid UTF-8",
    "0a050a0361, truncated (a field runs past the end of the message)",
    "0f, a field has an invalid wire type",
    "00, an invalid field tag",
    "ffffffffffffffffffffff, a malformed varint",
    "0c, a group end tag does not match its start"
  })
  void malformedBytesAreInvalidArgumentNamingTheTypeAndTheReason(String hex, String reason) {
    Status status = RawCalls.call(grpc.channel(), TestEcho.ECHO, HexFormat.of().parseHex(hex));

    assertEquals(Status.Code.INVALID_ARGUMENT, status.getCode(), status.toString());
    assertEquals(
        "request is not a valid google.protobuf.Struct: " + reason, status.getDescription());
    assertStillAnswers();
  }

  @Test
  void structNestedBeyondTheRecursionLimitIsInvalidArgument() {
    Status status = RawCalls.call(grpc.channel(), TestEcho.ECHO, nestedStruct(40));

    assertEquals(Status.Code.INVALID_ARGUMENT, status.getCode(), status.toString());
    assertEquals(
        "request is not a valid google.protobuf.Struct: nested too deeply (protobuf allows 100"
            + " levels)",
        status.getDescription());
    assertStillAnswers();
  }

  @Test
  void theAnswerCarriesABadRequestForTheWholeRequest() {
    assertEquals(
        java.util.List.of(""),
        GrpcAssertions.invalidFields(
            RawCalls.error(grpc.channel(), TestEcho.ECHO, HexFormat.of().parseHex("0a02c328"))));
  }

  @Test
  void healthAndReflectionAreGuardedToo() {
    // HealthCheckRequest {service: <C3 28>}
    Status status =
        RawCalls.call(
            grpc.channel(), HealthGrpc.getCheckMethod(), HexFormat.of().parseHex("0a02c328"));

    assertEquals(Status.Code.INVALID_ARGUMENT, status.getCode(), status.toString());
    assertEquals(
        "request is not a valid grpc.health.v1.HealthCheckRequest: a string field is not valid"
            + " UTF-8",
        status.getDescription());
    assertStillAnswers();
  }

  @Test
  void aMalformedMessageInAStreamEndsItAndTellsTheHandlerToCleanUp() throws Exception {
    CompletableFuture<Status> closed = new CompletableFuture<>();
    ClientCall<byte[], byte[]> call =
        grpc.channel()
            .newCall(
                RawCalls.raw(TestEcho.COLLECT),
                CallOptions.DEFAULT.withDeadlineAfter(10, TimeUnit.SECONDS));
    call.start(
        new ClientCall.Listener<>() {
          @Override
          public void onClose(Status status, Metadata trailers) {
            closed.complete(status);
          }
        },
        new Metadata());
    call.request(1);
    call.sendMessage(Struct.getDefaultInstance().toByteArray());
    call.sendMessage(new byte[] {0x00});
    call.halfClose();

    Status status = closed.get(10, TimeUnit.SECONDS);
    assertEquals(Status.Code.INVALID_ARGUMENT, status.getCode(), status.toString());
    Await.awaitWithin(Duration.ofSeconds(5), "handler told", () -> echo.streamsFailed.get() == 1);
    assertEquals(0, echo.streamsCompleted.get());
    assertStillAnswers();
  }

  @Test
  void aFloodOfMalformedRequestsLogsOneLinePerInterval() {
    AtomicLong now = new AtomicLong(1_000_000_000L);
    ThrottledWarning warning = new ThrottledWarning(now::get, 1000);

    assertTrue(warning.warn("rpc.malformed_request", "method", "a"));
    for (int i = 0; i < 1000; i++) {
      assertFalse(warning.warn("rpc.malformed_request", "method", "a"));
    }
    now.addAndGet(TimeUnit.MILLISECONDS.toNanos(999));
    assertFalse(warning.warn("rpc.malformed_request", "method", "a"));
    now.addAndGet(TimeUnit.MILLISECONDS.toNanos(2));
    assertTrue(warning.warn("rpc.malformed_request", "method", "a"));
  }

  private void assertStillAnswers() {
    assertEquals(
        ServingStatus.SERVING,
        HealthGrpc.newBlockingStub(grpc.channel())
            .check(HealthCheckRequest.getDefaultInstance())
            .getStatus());
    Struct request =
        Struct.newBuilder().putFields("a", Value.newBuilder().setStringValue("é").build()).build();
    assertEquals(
        request,
        ClientCalls.blockingUnaryCall(grpc.channel(), TestEcho.ECHO, CallOptions.DEFAULT, request));
  }

  /**
   * A Struct holding a Struct holding ... {@code depth} deep: three protobuf levels each (Struct,
   * map entry, Value), so 34 already pass protobuf's limit of 100. Protobuf writes it; only parsing
   * refuses it.
   */
  static byte[] nestedStruct(int depth) {
    Struct struct = Struct.getDefaultInstance();
    for (int i = 0; i < depth; i++) {
      struct =
          Struct.newBuilder()
              .putFields("k", Value.newBuilder().setStructValue(struct).build())
              .build();
    }
    return struct.toByteArray();
  }
}
