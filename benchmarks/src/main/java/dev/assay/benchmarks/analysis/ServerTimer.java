package dev.assay.benchmarks.analysis;

import io.grpc.ForwardingServerCall.SimpleForwardingServerCall;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Records, per method, the server time of the last call: from the call's start (first request
 * message on its way) to the moment the server closes it with the answer.
 */
final class ServerTimer implements ServerInterceptor {
  private final Map<String, Long> lastNanos = new ConcurrentHashMap<>();

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
    long start = System.nanoTime();
    String method = call.getMethodDescriptor().getBareMethodName();
    return next.startCall(
        new SimpleForwardingServerCall<>(call) {
          @Override
          public void close(Status status, Metadata trailers) {
            lastNanos.put(method, System.nanoTime() - start);
            super.close(status, trailers);
          }
        },
        headers);
  }

  /** Milliseconds of the last completed call of {@code method}. */
  double lastMillis(String method) {
    return lastNanos.getOrDefault(method, 0L) / 1e6;
  }
}
