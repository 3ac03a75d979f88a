package dev.assay.runtime.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import dev.assay.runtime.testing.Await;
import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The request message size and the messages per client stream are capped, over real Netty. */
class MessageLimitsTest {
  private final TestEcho echo = new TestEcho();
  private GrpcServer server;
  private ManagedChannel channel;

  private void start(ServerLimits limits) throws Exception {
    server =
        GrpcServer.builder("test", GrpcServer.netty("127.0.0.1", 0))
            .addService(echo)
            .limits(limits)
            .shutdownGrace(Duration.ZERO)
            .build()
            .start();
    channel = NettyChannelBuilder.forAddress("127.0.0.1", server.port()).usePlaintext().build();
  }

  @AfterEach
  void stop() {
    if (channel != null) {
      channel.shutdownNow();
    }
    if (server != null) {
      server.stop();
    }
  }

  @Test
  void theDefaultsAreFourMebibytesAndTenMillionMessages() {
    assertEquals(4 * 1024 * 1024, ServerLimits.DEFAULTS.maxInboundMessageBytes());
    assertEquals(GrpcServer.DEFAULT_MAX_INBOUND_MESSAGE_BYTES, 4 * 1024 * 1024);
    assertEquals(10_000_000, ServerLimits.DEFAULTS.maxStreamMessages());
  }

  @Test
  void aMessageOverTheSizeLimitIsResourceExhaustedAndSmallerOnesPass() throws Exception {
    start(ServerLimits.DEFAULTS.withMaxInboundMessageBytes(1024));
    StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> echo(struct(2000)));
    assertEquals(Status.Code.RESOURCE_EXHAUSTED, e.getStatus().getCode(), e.getStatus().toString());
    assertTrue(
        String.valueOf(e.getStatus().getDescription())
            .startsWith("gRPC message exceeds maximum size 1024"),
        e.toString());
    Struct small = struct(900);
    assertEquals(small, echo(small));
  }

  @Test
  void aStreamOverTheMessageLimitIsResourceExhaustedAndItsHandlerCancelled() throws Exception {
    start(ServerLimits.DEFAULTS.withMaxStreamMessages(5));
    Status status = collect(6);
    assertEquals(Status.Code.RESOURCE_EXHAUSTED, status.getCode(), status.toString());
    assertTrue(
        String.valueOf(status.getDescription())
            .startsWith("a client stream may send at most 5 messages"),
        status.toString());
    // The handler never saw the end of the stream: it answers nothing and keeps nothing.
    Await.awaitWithin(
        Duration.ofSeconds(10), "the handler is told", () -> echo.streamsFailed.get() == 1);
    assertEquals(0, echo.streamsCompleted.get());
    // The connection serves on.
    assertEquals(Struct.getDefaultInstance(), echo(Struct.getDefaultInstance()));
  }

  @Test
  void aStreamAtTheMessageLimitCompletes() throws Exception {
    start(ServerLimits.DEFAULTS.withMaxStreamMessages(5));
    assertEquals(Status.Code.OK, collect(5).getCode());
    assertEquals(1, echo.streamsCompleted.get());
    assertEquals(0, echo.streamsFailed.get());
  }

  private Struct echo(Struct request) {
    return ClientCalls.blockingUnaryCall(
        channel,
        TestEcho.ECHO,
        CallOptions.DEFAULT.withDeadlineAfter(10, TimeUnit.SECONDS),
        request);
  }

  /** Sends {@code messages} messages on one Collect stream, half-closes, and returns its status. */
  private Status collect(int messages) throws Exception {
    CompletableFuture<Status> ended = new CompletableFuture<>();
    StreamObserver<Struct> requests =
        ClientCalls.asyncClientStreamingCall(
            channel.newCall(
                TestEcho.COLLECT, CallOptions.DEFAULT.withDeadlineAfter(10, TimeUnit.SECONDS)),
            new StreamObserver<>() {
              @Override
              public void onNext(Struct value) {}

              @Override
              public void onError(Throwable t) {
                ended.complete(Status.fromThrowable(t));
              }

              @Override
              public void onCompleted() {
                ended.complete(Status.OK);
              }
            });
    for (int i = 0; i < messages; i++) {
      requests.onNext(Struct.getDefaultInstance());
    }
    requests.onCompleted();
    return ended.get(20, TimeUnit.SECONDS);
  }

  private static Struct struct(int bytes) {
    return Struct.newBuilder()
        .putFields("k", Value.newBuilder().setStringValue("x".repeat(bytes)).build())
        .build();
  }
}
