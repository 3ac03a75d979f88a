package dev.assay.runtime.telemetry;

import io.grpc.ForwardingServerCall.SimpleForwardingServerCall;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;

/**
 * Records one server span and one duration measurement per call through the OpenTelemetry API,
 * following the RPC semantic conventions. Without an SDK installed (the default) both are no-ops.
 */
public final class TelemetryInterceptor implements ServerInterceptor {
  private static final AttributeKey<String> RPC_SYSTEM = AttributeKey.stringKey("rpc.system");
  private static final AttributeKey<String> RPC_METHOD = AttributeKey.stringKey("rpc.method");
  private static final AttributeKey<Long> GRPC_STATUS =
      AttributeKey.longKey("rpc.grpc.status_code");

  private final Tracer tracer;
  private final DoubleHistogram durationMillis;

  /** Uses the given OpenTelemetry instance (usually {@code GlobalOpenTelemetry.get()}). */
  public TelemetryInterceptor(OpenTelemetry openTelemetry) {
    this.tracer = openTelemetry.getTracer("dev.assay");
    this.durationMillis =
        openTelemetry
            .getMeter("dev.assay")
            .histogramBuilder("rpc.server.duration")
            .setUnit("ms")
            .setDescription("Duration of inbound RPCs")
            .build();
  }

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
    String method = call.getMethodDescriptor().getFullMethodName();
    long startNanos = System.nanoTime();
    Span span =
        tracer
            .spanBuilder(method)
            .setSpanKind(SpanKind.SERVER)
            .setAttribute(RPC_SYSTEM, "grpc")
            .setAttribute(RPC_METHOD, method)
            .startSpan();
    ServerCall<Q, R> recorded =
        new SimpleForwardingServerCall<>(call) {
          @Override
          public void close(Status status, Metadata trailers) {
            span.setAttribute(GRPC_STATUS, (long) status.getCode().value());
            if (!status.isOk()) {
              span.setStatus(StatusCode.ERROR, status.getCode().name());
            }
            span.end();
            durationMillis.record(
                (System.nanoTime() - startNanos) / 1e6,
                Attributes.of(RPC_METHOD, method, GRPC_STATUS, (long) status.getCode().value()));
            super.close(status, trailers);
          }
        };
    return next.startCall(recorded, headers);
  }
}
