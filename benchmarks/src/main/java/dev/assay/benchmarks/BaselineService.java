package dev.assay.benchmarks;

import com.google.common.util.concurrent.ListenableFuture;
import io.grpc.BindableService;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.MethodDescriptor;
import io.grpc.ServerServiceDefinition;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.ServerCalls;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The baseline every benchmark is measured against: an empty unary call (empty request, empty
 * response) served by a {@link dev.assay.runtime.server.GrpcServer} with the same settings as the
 * real services, so the ratio isolates the cost of the service's own work.
 */
public final class BaselineService implements BindableService {
  private static final MethodDescriptor<byte[], byte[]> EMPTY =
      MethodDescriptor.<byte[], byte[]>newBuilder()
          .setType(MethodDescriptor.MethodType.UNARY)
          .setFullMethodName("assay.bench.v1.BaselineService/Empty")
          .setRequestMarshaller(new BytesMarshaller())
          .setResponseMarshaller(new BytesMarshaller())
          .build();
  private static final byte[] NOTHING = new byte[0];

  @Override
  public ServerServiceDefinition bindService() {
    return ServerServiceDefinition.builder("assay.bench.v1.BaselineService")
        .addMethod(
            EMPTY,
            ServerCalls.asyncUnaryCall(
                (request, responseObserver) -> {
                  responseObserver.onNext(NOTHING);
                  responseObserver.onCompleted();
                }))
        .build();
  }

  /** Starts one empty call on {@code channel}. */
  public static ListenableFuture<byte[]> callEmpty(Channel channel) {
    return ClientCalls.futureUnaryCall(channel.newCall(EMPTY, CallOptions.DEFAULT), NOTHING);
  }

  private static final class BytesMarshaller implements MethodDescriptor.Marshaller<byte[]> {
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
