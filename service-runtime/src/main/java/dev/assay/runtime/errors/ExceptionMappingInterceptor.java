package dev.assay.runtime.errors;

import io.grpc.ForwardingServerCallListener.SimpleForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.StatusRuntimeException;

/**
 * Lets unary handlers simply throw domain exceptions: the call is closed with the mapped status
 * instead of grpc's generic {@code UNKNOWN}.
 */
public final class ExceptionMappingInterceptor implements ServerInterceptor {
  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
    ServerCall.Listener<Q> delegate = next.startCall(call, headers);
    return new SimpleForwardingServerCallListener<>(delegate) {
      @Override
      public void onMessage(Q message) {
        try {
          super.onMessage(message);
        } catch (RuntimeException e) {
          close(call, e);
        }
      }

      @Override
      public void onHalfClose() {
        try {
          super.onHalfClose();
        } catch (RuntimeException e) {
          close(call, e);
        }
      }
    };
  }

  private static void close(ServerCall<?, ?> call, RuntimeException error) {
    StatusRuntimeException mapped = GrpcErrors.toStatusException(error);
    Metadata trailers = mapped.getTrailers() != null ? mapped.getTrailers() : new Metadata();
    call.close(mapped.getStatus(), trailers);
  }
}
