package dev.assay.runtime.server;

import io.grpc.Context;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Ends any call still open after the server's maximum call duration with {@code DEADLINE_EXCEEDED}
 * "call exceeded the server's maximum call duration of …": a client stream that never half-closes,
 * or a client that stops reading, no longer holds the server's memory until the client's own
 * deadline (which it may not set).
 *
 * <p>The handler runs in a {@link Context} carrying the limit as its deadline (the client's, when
 * earlier), so long computations can check it; when the limit passes, the caller gets the status,
 * the handler is told the call is cancelled (a streaming handler releases what it buffered), and
 * whatever the handler still sends is dropped.
 */
final class CallDurationLimit implements ServerInterceptor {
  private final Duration limit;
  private final ScheduledExecutorService scheduler;

  CallDurationLimit(Duration limit, ScheduledExecutorService scheduler) {
    this.limit = limit;
    this.scheduler = scheduler;
  }

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
    Context parent = Context.current();
    Context.CancellableContext context =
        parent.withDeadlineAfter(limit.toNanos(), TimeUnit.NANOSECONDS, scheduler);
    ClosableCall<Q, R> closable = new ClosableCall<>(call);
    ServerCall.Listener<Q> listener;
    Context previous = context.attach();
    try {
      listener = next.startCall(closable, headers);
    } finally {
      context.detach(previous);
    }
    LimitedListener<Q> limited = new LimitedListener<>(listener, context, closable);
    Executor direct = Runnable::run;
    context.addListener(
        cancelled -> {
          // The parent is cancelled when the call ends or the client's deadline passes: grpc
          // handles those. Only this context's own deadline is the server's limit.
          if (!parent.isCancelled()) {
            expire(closable, limited);
          }
        },
        direct);
    return limited;
  }

  private void expire(ClosableCall<?, ?> call, LimitedListener<?> listener) {
    Status status =
        Status.DEADLINE_EXCEEDED.withDescription(
            "call exceeded the server's maximum call duration of "
                + describe(limit)
                + "; finish streams within it or open a new call");
    if (call.closeOnce(status)) {
      listener.cancelWhenIdle();
    }
  }

  /** {@code 10m}, {@code 30s}, {@code 250ms}: as the setting is written. */
  static String describe(Duration duration) {
    if (duration.toMillis() % 60_000 == 0) {
      return duration.toMinutes() + "m";
    } else if (duration.toMillis() % 1000 == 0) {
      return duration.toSeconds() + "s";
    }
    return duration.toMillis() + "ms";
  }

  /**
   * Runs the handler's events in the limited context, one at a time; once the limit has passed,
   * delivers {@code onCancel} exactly once (by the timer when the handler is idle, else by the
   * thread running the handler as it returns, or in place of the transport's {@code onComplete})
   * and nothing after it.
   */
  private static final class LimitedListener<Q> extends ServerCall.Listener<Q> {
    private final ServerCall.Listener<Q> delegate;
    private final Context context;
    private final ClosableCall<Q, ?> call;
    private final ReentrantLock events = new ReentrantLock();
    private volatile boolean expired;
    private boolean ended;

    LimitedListener(ServerCall.Listener<Q> delegate, Context context, ClosableCall<Q, ?> call) {
      this.delegate = delegate;
      this.context = context;
      this.call = call;
    }

    void cancelWhenIdle() {
      expired = true;
      deliverPendingCancel();
    }

    @Override
    public void onMessage(Q message) {
      run(() -> delegate.onMessage(message), false);
    }

    @Override
    public void onHalfClose() {
      run(delegate::onHalfClose, false);
    }

    @Override
    public void onReady() {
      run(delegate::onReady, false);
    }

    @Override
    public void onCancel() {
      run(delegate::onCancel, true);
    }

    @Override
    public void onComplete() {
      // The transport completed the call the limit closed: for the handler, it was cancelled.
      run(call.isClosedByLimit() ? delegate::onCancel : delegate::onComplete, true);
    }

    private void run(Runnable event, boolean isLast) {
      events.lock();
      try {
        if (ended) {
          return;
        }
        ended = isLast;
        Context previous = context.attach();
        try {
          event.run();
        } finally {
          context.detach(previous);
        }
      } finally {
        events.unlock();
      }
      deliverPendingCancel();
    }

    private void deliverPendingCancel() {
      // If the lock is busy, its holder runs this again as it releases it and sees the flag.
      if (expired && events.tryLock()) {
        try {
          if (!ended) {
            ended = true;
            Context previous = context.attach();
            try {
              delegate.onCancel();
            } finally {
              context.detach(previous);
            }
          }
        } finally {
          events.unlock();
        }
      }
    }
  }
}
