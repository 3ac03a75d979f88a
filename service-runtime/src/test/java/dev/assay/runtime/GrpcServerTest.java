package dev.assay.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assay.runtime.errors.Violations;
import dev.assay.runtime.server.GrpcServer;
import dev.assay.runtime.testing.GrpcAssertions;
import dev.assay.runtime.testing.InProcessGrpc;
import io.grpc.BindableService;
import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerServiceDefinition;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.reflection.v1.ServerReflectionGrpc;
import io.grpc.reflection.v1.ServerReflectionRequest;
import io.grpc.reflection.v1.ServerReflectionResponse;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.StreamObserver;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class GrpcServerTest {
  private static final MethodDescriptor<byte[], byte[]> SLOW =
      MethodDescriptor.<byte[], byte[]>newBuilder()
          .setType(MethodDescriptor.MethodType.UNARY)
          .setFullMethodName("test.Slow/Call")
          .setRequestMarshaller(new Bytes())
          .setResponseMarshaller(new Bytes())
          .build();

  private static final MethodDescriptor<byte[], byte[]> FAILING =
      SLOW.toBuilder().setFullMethodName("test.Failing/Call").build();

  @Test
  void speaksHealthAndReflectionAndDrainsInFlightCallsOnStop() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    AtomicInteger completed = new AtomicInteger();
    BindableService slow =
        () ->
            ServerServiceDefinition.builder("test.Slow")
                .addMethod(
                    SLOW,
                    ServerCalls.asyncUnaryCall(
                        (byte[] request, StreamObserver<byte[]> response) -> {
                          started.countDown();
                          sleep(500);
                          completed.incrementAndGet();
                          response.onNext(new byte[] {42});
                          response.onCompleted();
                        }))
                .build();
    GrpcServer server =
        GrpcServer.builder("test", GrpcServer.netty("127.0.0.1", 0))
            .addService(slow)
            .shutdownGrace(Duration.ofSeconds(5))
            .build()
            .start();
    ManagedChannel channel =
        NettyChannelBuilder.forAddress("127.0.0.1", server.port()).usePlaintext().build();
    try {
      assertEquals(
          ServingStatus.SERVING,
          HealthGrpc.newBlockingStub(channel)
              .check(HealthCheckRequest.newBuilder().setService("test.Slow").build())
              .getStatus());
      assertTrue(listServices(channel).contains("grpc.health.v1.Health"));

      CompletableFuture<byte[]> inFlight =
          CompletableFuture.supplyAsync(
              () -> ClientCalls.blockingUnaryCall(channel, SLOW, CallOptions.DEFAULT, new byte[0]));
      assertTrue(started.await(5, TimeUnit.SECONDS));
      server.stop();

      assertEquals(42, inFlight.get(5, TimeUnit.SECONDS)[0]);
      assertEquals(1, completed.get());
    } finally {
      channel.shutdownNow();
    }
  }

  @Test
  void inProcessTransportGetsTheSameErrorMappingAndHealth() {
    BindableService failing =
        () ->
            ServerServiceDefinition.builder("test.Failing")
                .addMethod(
                    FAILING,
                    ServerCalls.asyncUnaryCall(
                        (byte[] request, StreamObserver<byte[]> response) ->
                            new Violations()
                                .check(true, "request.size", "must be at most 10")
                                .throwIfAny()))
                .build();
    try (InProcessGrpc grpc = InProcessGrpc.start("test", List.of(failing))) {
      assertEquals(
          List.of("request.size"),
          GrpcAssertions.invalidFields(
              () ->
                  ClientCalls.blockingUnaryCall(
                      grpc.channel(), FAILING, CallOptions.DEFAULT, new byte[0])));
      assertEquals(
          ServingStatus.SERVING,
          HealthGrpc.newBlockingStub(grpc.channel())
              .check(HealthCheckRequest.newBuilder().setService("test.Failing").build())
              .getStatus());
    }
  }

  @Test
  void extraInterceptorsSeeEveryCallInsideTheErrorMapping() throws Exception {
    AtomicInteger seen = new AtomicInteger();
    ServerInterceptor counting =
        new ServerInterceptor() {
          @Override
          public <Q, R> ServerCall.Listener<Q> interceptCall(
              ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
            seen.incrementAndGet();
            return next.startCall(call, headers);
          }
        };
    BindableService echo =
        () ->
            ServerServiceDefinition.builder("test.Failing")
                .addMethod(
                    FAILING,
                    ServerCalls.asyncUnaryCall(
                        (byte[] request, StreamObserver<byte[]> response) -> {
                          response.onNext(request);
                          response.onCompleted();
                        }))
                .build();
    String name = InProcessServerBuilder.generateName();
    GrpcServer server =
        GrpcServer.builder("test", InProcessServerBuilder.forName(name).directExecutor())
            .addInterceptor(counting)
            .addService(echo)
            .build()
            .start();
    ManagedChannel channel = InProcessChannelBuilder.forName(name).directExecutor().build();
    try {
      ClientCalls.blockingUnaryCall(channel, FAILING, CallOptions.DEFAULT, new byte[] {1});
      ClientCalls.blockingUnaryCall(channel, FAILING, CallOptions.DEFAULT, new byte[] {2});
      assertEquals(2, seen.get());
    } finally {
      channel.shutdownNow();
      server.stop();
    }
  }

  private static String listServices(ManagedChannel channel) throws Exception {
    CompletableFuture<ServerReflectionResponse> reply = new CompletableFuture<>();
    StreamObserver<ServerReflectionRequest> requests =
        ServerReflectionGrpc.newStub(channel)
            .serverReflectionInfo(
                new StreamObserver<>() {
                  @Override
                  public void onNext(ServerReflectionResponse value) {
                    reply.complete(value);
                  }

                  @Override
                  public void onError(Throwable t) {
                    reply.completeExceptionally(t);
                  }

                  @Override
                  public void onCompleted() {}
                });
    requests.onNext(ServerReflectionRequest.newBuilder().setListServices("").build());
    requests.onCompleted();
    return reply.get(5, TimeUnit.SECONDS).getListServicesResponse().toString();
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static final class Bytes implements MethodDescriptor.Marshaller<byte[]> {
    @Override
    public InputStream stream(byte[] value) {
      return new ByteArrayInputStream(value);
    }

    @Override
    public byte[] parse(InputStream stream) {
      try {
        return stream.readAllBytes();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
