package dev.assay.runtime.server;

import io.grpc.ForwardingServerCallListener.SimpleForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;

/**
 * Ends a client stream (a client-streaming or bidirectional call) whose client sends more than the
 * server's maximum of request messages, with {@code RESOURCE_EXHAUSTED} "a client stream may send
 * at most N messages (the server's max-stream-messages limit) ...". The message over the limit is
 * never delivered; the handler is told the call is cancelled, so a stream that answers only at its
 * end (the analysis tests) keeps nothing and releases what it reserved. Messages a handler already
 * applied as they came (bandit {@code StreamRewards}) stay applied, as on any other failure.
 */
final class StreamMessageLimit implements ServerInterceptor {
  private final int maxMessages;

  StreamMessageLimit(int maxMessages) {
    this.maxMessages = maxMessages;
  }

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
    if (call.getMethodDescriptor().getType().clientSendsOneMessage()) {
      // grpc itself refuses a second message on a unary or server-streaming call.
      return next.startCall(call, headers);
    }
    ClosableCall<Q, R> closable = new ClosableCall<>(call);
    return new CountingListener<>(next.startCall(closable, headers), closable);
  }

  /** The status of a stream over the limit. */
  Status exceeded() {
    return Status.RESOURCE_EXHAUSTED.withDescription(
        "a client stream may send at most "
            + maxMessages
            + " messages (the server's max-stream-messages limit); send fewer, larger messages or"
            + " split the stream into several calls");
  }

  /**
   * Counts the request messages; grpc delivers a call's events one at a time, so plain fields do.
   * Once over the limit, delivers {@code onCancel} once and nothing after it.
   */
  private final class CountingListener<Q> extends SimpleForwardingServerCallListener<Q> {
    private final ClosableCall<Q, ?> call;
    private long received;
    private boolean ended;

    CountingListener(ServerCall.Listener<Q> delegate, ClosableCall<Q, ?> call) {
      super(delegate);
      this.call = call;
    }

    @Override
    public void onMessage(Q message) {
      if (ended) {
        return;
      }
      if (++received > maxMessages) {
        ended = true;
        call.closeOnce(exceeded());
        super.onCancel();
        return;
      }
      super.onMessage(message);
    }

    @Override
    public void onHalfClose() {
      if (!ended) {
        super.onHalfClose();
      }
    }

    @Override
    public void onReady() {
      if (!ended) {
        super.onReady();
      }
    }

    @Override
    public void onCancel() {
      if (!ended) {
        ended = true;
        super.onCancel();
      }
    }

    @Override
    public void onComplete() {
      if (!ended) {
        ended = true;
        super.onComplete();
      }
    }
  }
}
