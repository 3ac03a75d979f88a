package dev.assay.runtime.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assay.runtime.testing.MalformedBytes.RawRequest;
import io.grpc.Channel;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;

/**
 * The wire-level promise every service keeps, checked the same way for each: a request whose bytes
 * are not a valid message is {@code INVALID_ARGUMENT} "request is not a valid &lt;type&gt;: ...",
 * answered within a second, and the server goes on answering.
 */
public final class MalformedRequests {
  /** Bytes no protobuf message parses: field 0, wire type 7, an over-long varint, a cut field. */
  private static final List<String> GARBAGE =
      List.of("00", "0f", "ffffffffffffffffffffff", "0a05ab", "fa3f03", "0c");

  private static final Duration PER_CALL = Duration.ofSeconds(1);

  private MalformedRequests() {}

  /**
   * Sends one malformed request to each of {@code methods} without timing it: class loading and a
   * cold JIT on a busy machine are not what the per-call bound is about. Call it before timed runs.
   */
  public static void warmUp(Channel channel, List<MethodDescriptor<?, ?>> methods) {
    for (MethodDescriptor<?, ?> method : methods) {
      Status status = RawCalls.call(channel, method, new byte[] {0});
      assertEquals(Status.Code.INVALID_ARGUMENT, status.getCode(), method.getFullMethodName());
    }
  }

  /**
   * Sends several kinds of garbage to every one of {@code methods}; see {@link #assertRejected}.
   */
  public static void assertEveryMethodRejectsGarbage(
      Channel channel, List<MethodDescriptor<?, ?>> methods) {
    assertTrue(methods.size() > 0, "no methods");
    for (MethodDescriptor<?, ?> method : methods) {
      for (String hex : GARBAGE) {
        assertRejected(channel, new RawRequest(method, HexFormat.of().parseHex(hex)));
      }
    }
  }

  /**
   * Asserts {@code request} is answered {@code INVALID_ARGUMENT} naming the request type, within a
   * second, and that the server still answers a health check afterwards.
   */
  public static void assertRejected(Channel channel, RawRequest request) {
    long start = System.nanoTime();
    Status status = RawCalls.call(channel, request.method(), request.body());
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    assertEquals(Status.Code.INVALID_ARGUMENT, status.getCode(), request + ": " + status);
    String type = RawCalls.requestPrototype(request.method()).getDescriptorForType().getFullName();
    String description = String.valueOf(status.getDescription());
    assertTrue(
        description.startsWith("request is not a valid " + type + ": "),
        request + ": " + description);
    assertTrue(took.compareTo(PER_CALL) < 0, request + " took " + took);
    assertEquals(
        ServingStatus.SERVING,
        HealthGrpc.newBlockingStub(channel)
            .check(HealthCheckRequest.getDefaultInstance())
            .getStatus(),
        "the server answers after " + request);
  }
}
