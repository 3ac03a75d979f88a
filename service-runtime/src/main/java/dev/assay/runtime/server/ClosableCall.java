package dev.assay.runtime.server;

import io.grpc.ForwardingServerCall.SimpleForwardingServerCall;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.Status;

/**
 * A call that a server-side limit may close while the handler still uses it (from a timer, or from
 * the listener while the handler sends on another thread): sending and closing are serialized, and
 * once closed, whatever is sent or closed again is dropped.
 */
final class ClosableCall<Q, R> extends SimpleForwardingServerCall<Q, R> {
  private final Object lock = new Object();
  private boolean closed;
  private volatile boolean closedByLimit;

  ClosableCall(ServerCall<Q, R> delegate) {
    super(delegate);
  }

  /** Closes with {@code status} unless already closed; true when this call closed it. */
  boolean closeOnce(Status status) {
    synchronized (lock) {
      if (closed) {
        return false;
      }
      closed = true;
      // Before closing: a transport may report the end of the call from inside close().
      closedByLimit = true;
      super.close(status, new Metadata());
      return true;
    }
  }

  @Override
  public void sendHeaders(Metadata headers) {
    synchronized (lock) {
      if (!closed) {
        super.sendHeaders(headers);
      }
    }
  }

  @Override
  public void sendMessage(R message) {
    synchronized (lock) {
      if (!closed) {
        super.sendMessage(message);
      }
    }
  }

  @Override
  public void close(Status status, Metadata trailers) {
    synchronized (lock) {
      if (!closed) {
        closed = true;
        super.close(status, trailers);
      }
    }
  }

  @Override
  public boolean isCancelled() {
    return closedByLimit || super.isCancelled();
  }

  boolean isClosedByLimit() {
    return closedByLimit;
  }
}
