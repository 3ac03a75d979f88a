package dev.assay.runtime.server;

import com.google.protobuf.Struct;
import io.grpc.BindableService;
import io.grpc.MethodDescriptor;
import io.grpc.ServerServiceDefinition;
import io.grpc.protobuf.ProtoUtils;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.StreamObserver;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A protobuf test service: {@code Echo} answers its request, {@code Collect} (a client stream)
 * answers how many messages it got; it counts the streams that ended in error and in completion.
 */
final class TestEcho implements BindableService {
  static final MethodDescriptor<Struct, Struct> ECHO =
      MethodDescriptor.<Struct, Struct>newBuilder()
          .setType(MethodDescriptor.MethodType.UNARY)
          .setFullMethodName("test.Echo/Echo")
          .setRequestMarshaller(ProtoUtils.marshaller(Struct.getDefaultInstance()))
          .setResponseMarshaller(ProtoUtils.marshaller(Struct.getDefaultInstance()))
          .build();

  static final MethodDescriptor<Struct, Struct> COLLECT =
      ECHO.toBuilder()
          .setType(MethodDescriptor.MethodType.CLIENT_STREAMING)
          .setFullMethodName("test.Echo/Collect")
          .build();

  final AtomicInteger streamsFailed = new AtomicInteger();
  final AtomicInteger streamsCompleted = new AtomicInteger();

  @Override
  public ServerServiceDefinition bindService() {
    return ServerServiceDefinition.builder("test.Echo")
        .addMethod(
            ECHO,
            ServerCalls.asyncUnaryCall(
                (Struct request, StreamObserver<Struct> response) -> {
                  response.onNext(request);
                  response.onCompleted();
                }))
        .addMethod(COLLECT, ServerCalls.asyncClientStreamingCall(this::collect))
        .build();
  }

  private StreamObserver<Struct> collect(StreamObserver<Struct> response) {
    return new StreamObserver<>() {
      private int count;

      @Override
      public void onNext(Struct value) {
        count++;
      }

      @Override
      public void onError(Throwable t) {
        streamsFailed.incrementAndGet();
      }

      @Override
      public void onCompleted() {
        streamsCompleted.incrementAndGet();
        response.onNext(
            Struct.newBuilder()
                .putFields(
                    "count", com.google.protobuf.Value.newBuilder().setNumberValue(count).build())
                .build());
        response.onCompleted();
      }
    };
  }
}
