package dev.assay.runtime.errors;

import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.StatusRuntimeException;

/**
 * Lets handlers simply throw domain exceptions: the call is closed with the mapped status instead
 * of grpc's generic {@code UNKNOWN} with a stack trace in the log. Once a call has failed, the
 * handler is told the call is cancelled (so a streaming handler can release what it holds) and
 * hears nothing more of it.
 */
public final class ExceptionMappingInterceptor implements ServerInterceptor {
  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
    ServerCall.Listener<Q> delegate;
    try {
      delegate = next.startCall(call, headers);
    } catch (RuntimeException | StackOverflowError e) {
      close(call, e);
      return new ServerCall.Listener<>() {};
    }
    return new MappingListener<>(call, delegate);
  }

  private static void close(ServerCall<?, ?> call, Throwable error) {
    StatusRuntimeException mapped = GrpcErrors.toStatusException(error);
    Metadata trailers = mapped.getTrailers() != null ? mapped.getTrailers() : new Metadata();
    try {
      call.close(mapped.getStatus(), trailers);
    } catch (IllegalStateException alreadyClosed) {
      // The handler closed the call and then threw: the caller has its answer already, and an
      // INTERNAL error was logged above if the exception was a bug.
    }
  }

  /**
   * Forwards every event until one throws; then closes the call with the mapped status and tells
   * the handler it was cancelled. A stack overflow is caught too: it is a bug in one call (a
   * recursive parser or pattern), not a broken JVM, and becomes {@code INTERNAL} like any other.
   */
  private static final class MappingListener<Q> extends ServerCall.Listener<Q> {
    private final ServerCall<Q, ?> call;
    private final ServerCall.Listener<Q> delegate;
    private boolean failed;

    MappingListener(ServerCall<Q, ?> call, ServerCall.Listener<Q> delegate) {
      this.call = call;
      this.delegate = delegate;
    }

    @Override
    public void onMessage(Q message) {
      forward(() -> delegate.onMessage(message));
    }

    @Override
    public void onHalfClose() {
      forward(delegate::onHalfClose);
    }

    @Override
    public void onReady() {
      forward(delegate::onReady);
    }

    @Override
    public void onCancel() {
      end(delegate::onCancel);
    }

    @Override
    public void onComplete() {
      end(delegate::onComplete);
    }

    /** The call is over: a failure can no longer be answered, only logged (if it is a bug). */
    private void end(Runnable event) {
      if (failed) {
        return;
      }
      failed = true;
      try {
        event.run();
      } catch (RuntimeException | StackOverflowError e) {
        GrpcErrors.logUnanswered(e);
      }
    }

    private void forward(Runnable event) {
      if (failed) {
        return;
      }
      try {
        event.run();
      } catch (RuntimeException | StackOverflowError e) {
        failed = true;
        close(call, e);
        try {
          delegate.onCancel();
        } catch (RuntimeException | StackOverflowError cleanupFailure) {
          GrpcErrors.logUnanswered(cleanupFailure);
        }
      }
    }
  }
}
