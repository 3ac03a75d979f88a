package dev.assay.runtime.server;

import dev.assay.runtime.errors.MalformedRequestException;
import dev.assay.runtime.log.ThrottledWarning;
import io.grpc.Attributes;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.SecurityLevel;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerMethodDefinition;
import io.grpc.ServerServiceDefinition;
import io.grpc.ServiceDescriptor;
import io.grpc.Status;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Makes every method of a service answer a request whose bytes are not a valid message (malformed
 * protobuf, invalid UTF-8, nesting beyond protobuf's limit) with {@code INVALID_ARGUMENT} "request
 * is not a valid &lt;message&gt;: &lt;reason&gt;", logged as one short line at most once a second,
 * instead of grpc's {@code UNKNOWN} "Application error processing RPC" and a stack trace per call.
 *
 * <p>grpc parses a request with the method's marshaller before any interceptor sees it, and turns
 * whatever that throws into {@code UNKNOWN}. So the transport gets a copy of each method whose
 * marshaller never throws ({@link RequestParsing}); its handler passes valid messages on to the
 * service, unchanged, and throws {@link MalformedRequestException} for the rest, which the error
 * mapping (wrapped around the guarded service) turns into the status. The service, and any
 * interceptor inside the guard, see the original method and messages.
 */
final class MalformedRequestGuard {
  private final ThrottledWarning log;

  MalformedRequestGuard(ThrottledWarning log) {
    this.log = log;
  }

  /** {@code service} with every method guarded; its schema (for reflection) is kept. */
  ServerServiceDefinition guard(ServerServiceDefinition service) {
    ServiceDescriptor original = service.getServiceDescriptor();
    List<ServerMethodDefinition<?, ?>> methods = new ArrayList<>();
    for (ServerMethodDefinition<?, ?> method : service.getMethods()) {
      methods.add(guard(method));
    }
    ServiceDescriptor.Builder descriptor =
        ServiceDescriptor.newBuilder(original.getName())
            .setSchemaDescriptor(original.getSchemaDescriptor());
    methods.forEach(m -> descriptor.addMethod(m.getMethodDescriptor()));
    ServerServiceDefinition.Builder guarded = ServerServiceDefinition.builder(descriptor.build());
    methods.forEach(guarded::addMethod);
    return guarded.build();
  }

  private <Q, R> ServerMethodDefinition<ParsedRequest<Q>, R> guard(
      ServerMethodDefinition<Q, R> definition) {
    MethodDescriptor<Q, R> method = definition.getMethodDescriptor();
    RequestParsing<Q> parsing = new RequestParsing<>(method);
    MethodDescriptor<ParsedRequest<Q>, R> wire =
        method.toBuilder(parsing, method.getResponseMarshaller()).build();
    ServerCallHandler<Q, R> handler = definition.getServerCallHandler();
    ServerCallHandler<ParsedRequest<Q>, R> guarded =
        (call, headers) -> {
          ServerCall.Listener<Q> listener =
              handler.startCall(new OriginalMethodCall<>(call, method), headers);
          return new CheckingListener<>(listener, method, parsing.messageName());
        };
    return ServerMethodDefinition.create(wire, guarded);
  }

  /** Passes valid messages on; throws for a malformed one, before the service sees anything. */
  private final class CheckingListener<Q> extends ServerCall.Listener<ParsedRequest<Q>> {
    private final ServerCall.Listener<Q> delegate;
    private final MethodDescriptor<Q, ?> method;
    private final String messageName;

    CheckingListener(
        ServerCall.Listener<Q> delegate, MethodDescriptor<Q, ?> method, String messageName) {
      this.delegate = delegate;
      this.method = method;
      this.messageName = messageName;
    }

    @Override
    public void onMessage(ParsedRequest<Q> request) {
      Q message = request.message();
      if (message == null) {
        log.warn(
            "rpc.malformed_request",
            "method",
            method.getFullMethodName(),
            "reason",
            request.problem());
        throw new MalformedRequestException(messageName, request.problem());
      }
      delegate.onMessage(message);
    }

    @Override
    public void onHalfClose() {
      delegate.onHalfClose();
    }

    @Override
    public void onCancel() {
      delegate.onCancel();
    }

    @Override
    public void onComplete() {
      delegate.onComplete();
    }

    @Override
    public void onReady() {
      delegate.onReady();
    }
  }

  /** The transport's call as the service knows it: same call, the original method descriptor. */
  private static final class OriginalMethodCall<Q, R> extends ServerCall<Q, R> {
    private final ServerCall<ParsedRequest<Q>, R> delegate;
    private final MethodDescriptor<Q, R> method;

    OriginalMethodCall(ServerCall<ParsedRequest<Q>, R> delegate, MethodDescriptor<Q, R> method) {
      this.delegate = delegate;
      this.method = method;
    }

    @Override
    public void request(int numMessages) {
      delegate.request(numMessages);
    }

    @Override
    public void sendHeaders(Metadata headers) {
      delegate.sendHeaders(headers);
    }

    @Override
    public void sendMessage(R message) {
      delegate.sendMessage(message);
    }

    @Override
    public boolean isReady() {
      return delegate.isReady();
    }

    @Override
    public void close(Status status, Metadata trailers) {
      delegate.close(status, trailers);
    }

    @Override
    public boolean isCancelled() {
      return delegate.isCancelled();
    }

    @Override
    public void setMessageCompression(boolean enabled) {
      delegate.setMessageCompression(enabled);
    }

    @Override
    public void setCompression(String compressor) {
      delegate.setCompression(compressor);
    }

    @Override
    public void setOnReadyThreshold(int numBytes) {
      delegate.setOnReadyThreshold(numBytes);
    }

    @Override
    public SecurityLevel getSecurityLevel() {
      return delegate.getSecurityLevel();
    }

    @Override
    public Attributes getAttributes() {
      return delegate.getAttributes();
    }

    @Override
    public @Nullable String getAuthority() {
      return delegate.getAuthority();
    }

    @Override
    public MethodDescriptor<Q, R> getMethodDescriptor() {
      return method;
    }
  }
}
