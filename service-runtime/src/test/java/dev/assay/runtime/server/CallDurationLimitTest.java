package dev.assay.runtime.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Struct;
import dev.assay.runtime.testing.Await;
import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.ServerBuilder;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The server ends calls left open past its maximum call duration, and applies its other caps. */
class CallDurationLimitTest {
  private static final ServerLimits SHORT_CALLS =
      ServerLimits.DEFAULTS.withMaxCallDuration(Duration.ofMillis(300));

  @Test
  void aStreamThatNeverHalfClosesIsEndedWithDeadlineExceededInProcess() throws Exception {
    String name = InProcessServerBuilder.generateName();
    assertStreamIsEnded(
        InProcessServerBuilder.forName(name).directExecutor(),
        () -> InProcessChannelBuilder.forName(name).directExecutor().build());
  }

  @Test
  void aStreamThatNeverHalfClosesIsEndedWithDeadlineExceededOverNetty() throws Exception {
    int[] port = new int[1];
    assertStreamIsEnded(
        GrpcServer.netty("127.0.0.1", 0, SHORT_CALLS),
        () -> NettyChannelBuilder.forAddress("127.0.0.1", port[0]).usePlaintext().build(),
        port);
  }

  @Test
  void metadataOverTheLimitIsRefused() throws Exception {
    TestEcho echo = new TestEcho();
    GrpcServer server =
        GrpcServer.builder("test", GrpcServer.netty("127.0.0.1", 0))
            .addService(echo)
            .limits(ServerLimits.DEFAULTS)
            .shutdownGrace(Duration.ZERO)
            .build()
            .start();
    ManagedChannel channel =
        NettyChannelBuilder.forAddress("127.0.0.1", server.port()).usePlaintext().build();
    try {
      Metadata big = new Metadata();
      big.put(Metadata.Key.of("x-big", Metadata.ASCII_STRING_MARSHALLER), "v".repeat(16_384));
      StatusRuntimeException e =
          assertThrows(
              StatusRuntimeException.class,
              () ->
                  ClientCalls.blockingUnaryCall(
                      io.grpc.ClientInterceptors.intercept(
                          channel, MetadataUtils.newAttachHeadersInterceptor(big)),
                      TestEcho.ECHO,
                      CallOptions.DEFAULT.withDeadlineAfter(10, TimeUnit.SECONDS),
                      Struct.getDefaultInstance()));
      // grpc-java refuses to send what the server's SETTINGS forbid; other stacks send it and get
      // the stream reset. Either way the call fails before any service code runs.
      assertTrue(
          Set.of(Status.Code.INTERNAL, Status.Code.RESOURCE_EXHAUSTED)
              .contains(e.getStatus().getCode()),
          e.getStatus().toString());
      // Small metadata still works on the same channel.
      assertEquals(
          Struct.getDefaultInstance(),
          ClientCalls.blockingUnaryCall(
              channel, TestEcho.ECHO, CallOptions.DEFAULT, Struct.getDefaultInstance()));
    } finally {
      channel.shutdownNow();
      server.stop();
    }
  }

  private static void assertStreamIsEnded(
      ServerBuilder<?> transport, java.util.function.Supplier<ManagedChannel> channels)
      throws Exception {
    assertStreamIsEnded(transport, channels, new int[1]);
  }

  private static void assertStreamIsEnded(
      ServerBuilder<?> transport, java.util.function.Supplier<ManagedChannel> channels, int[] port)
      throws Exception {
    TestEcho echo = new TestEcho();
    GrpcServer server =
        GrpcServer.builder("test", transport)
            .addService(echo)
            .limits(SHORT_CALLS)
            .shutdownGrace(Duration.ZERO)
            .build()
            .start();
    port[0] = server.port();
    ManagedChannel channel = channels.get();
    try {
      CompletableFuture<Status> ended = new CompletableFuture<>();
      StreamObserver<Struct> requests =
          ClientCalls.asyncClientStreamingCall(
              channel.newCall(TestEcho.COLLECT, CallOptions.DEFAULT),
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
      requests.onNext(Struct.getDefaultInstance());
      // ... and never half-closes.

      Status status = ended.get(20, TimeUnit.SECONDS);
      assertEquals(Status.Code.DEADLINE_EXCEEDED, status.getCode(), status.toString());
      assertTrue(
          String.valueOf(status.getDescription())
              .startsWith("call exceeded the server's maximum call duration of 300ms"),
          status.toString());
      Await.awaitWithin(
          Duration.ofSeconds(10), "the handler is told", () -> echo.streamsFailed.get() == 1);
      assertEquals(0, echo.streamsCompleted.get());
      assertEquals(
          Struct.getDefaultInstance(),
          ClientCalls.blockingUnaryCall(
              channel, TestEcho.ECHO, CallOptions.DEFAULT, Struct.getDefaultInstance()));
    } finally {
      channel.shutdownNow();
      server.stop();
    }
  }
}
