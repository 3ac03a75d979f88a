package dev.assay.runtime.testing;

import com.google.protobuf.Message;
import io.grpc.BindableService;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerMethodDefinition;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Calls any method with raw bytes as its request, as a careless or hostile client can: the bytes
 * reach the server exactly as given, whatever the method's request type.
 */
public final class RawCalls {
  private static final MethodDescriptor.Marshaller<byte[]> BYTES = new Bytes();

  private RawCalls() {}

  /** Every method of {@code services}, sorted by full name (a stable order for seeded runs). */
  public static List<MethodDescriptor<?, ?>> methods(List<? extends BindableService> services) {
    List<MethodDescriptor<?, ?>> methods = new ArrayList<>();
    for (BindableService service : services) {
      for (ServerMethodDefinition<?, ?> method : service.bindService().getMethods()) {
        methods.add(method.getMethodDescriptor());
      }
    }
    methods.sort(Comparator.comparing(MethodDescriptor::getFullMethodName));
    return methods;
  }

  /** The default instance of the method's request type (a protobuf method's). */
  public static Message requestPrototype(MethodDescriptor<?, ?> method) {
    if (method.getRequestMarshaller() instanceof MethodDescriptor.PrototypeMarshaller<?> proto
        && proto.getMessagePrototype() instanceof Message message) {
      return message;
    }
    throw new IllegalArgumentException(method.getFullMethodName() + " is not a protobuf method");
  }

  /** {@code method} with raw bytes in and out: same name and type. */
  public static MethodDescriptor<byte[], byte[]> raw(MethodDescriptor<?, ?> method) {
    return MethodDescriptor.<byte[], byte[]>newBuilder()
        .setType(method.getType())
        .setFullMethodName(method.getFullMethodName())
        .setRequestMarshaller(BYTES)
        .setResponseMarshaller(BYTES)
        .build();
  }

  /**
   * Sends {@code body} as the call's only request message, half-closes, and returns the status the
   * call ends with (failing the test if that takes over 10 s). Works for every method type.
   */
  public static Status call(Channel channel, MethodDescriptor<?, ?> method, byte[] body) {
    return Status.fromThrowable(error(channel, method, body));
  }

  /**
   * As {@link #call}, returning the status with its trailers as an exception (for {@link
   * GrpcAssertions}); an OK status comes back as an exception too.
   */
  public static StatusRuntimeException error(
      Channel channel, MethodDescriptor<?, ?> method, byte[] body) {
    return error(channel, method, body, new Metadata());
  }

  /** As {@link #call}, sending {@code headers} (an authorization header, say). */
  public static Status call(
      Channel channel, MethodDescriptor<?, ?> method, byte[] body, Metadata headers) {
    return Status.fromThrowable(error(channel, method, body, headers));
  }

  /** As {@link #error}, sending {@code headers}. */
  public static StatusRuntimeException error(
      Channel channel, MethodDescriptor<?, ?> method, byte[] body, Metadata headers) {
    CompletableFuture<StatusRuntimeException> closed = new CompletableFuture<>();
    ClientCall<byte[], byte[]> call =
        channel.newCall(raw(method), CallOptions.DEFAULT.withDeadlineAfter(10, TimeUnit.SECONDS));
    call.start(
        new ClientCall.Listener<>() {
          @Override
          public void onClose(Status status, Metadata trailers) {
            closed.complete(status.asRuntimeException(trailers));
          }
        },
        headers);
    call.request(Integer.MAX_VALUE);
    call.sendMessage(body);
    call.halfClose();
    try {
      return closed.get(15, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new AssertionError(method.getFullMethodName() + " did not end", e);
    }
  }

  /** A byte array sent and read as is. */
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
