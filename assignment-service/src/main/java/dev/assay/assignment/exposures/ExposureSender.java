package dev.assay.assignment.exposures;

import dev.assay.assignment.exposures.ExposureCounters.DropReason;
import dev.assay.runtime.log.EventLog;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * The one background thread that drains the buffer: a batch goes as soon as it is full, or when the
 * flush interval has passed with a partial one. A batch the receiver does not acknowledge is
 * retried with doubling backoff, then dropped and counted. On close it sends what is buffered,
 * within a bounded wait.
 */
final class ExposureSender implements AutoCloseable {
  private final ExposureBuffer buffer;
  private final ExposureTransport transport;
  private final ExposureCounters counters;
  private final Consumer<Exposure> onDropped;
  private final int batchSize;
  private final long flushIntervalNanos;
  private final int attempts;
  private final Duration sendTimeout;
  private final Duration retryBackoff;
  private final Duration closeTimeout;
  private final Thread thread;
  private volatile boolean closing;
  private volatile long closeDeadlineNanos;

  ExposureSender(
      ExposureBuffer buffer,
      ExposureTransport transport,
      ExposureCounters counters,
      Consumer<Exposure> onDropped,
      int batchSize,
      Duration flushInterval,
      int attempts,
      Duration sendTimeout,
      Duration retryBackoff,
      Duration closeTimeout) {
    this.buffer = buffer;
    this.transport = transport;
    this.counters = counters;
    this.onDropped = onDropped;
    this.batchSize = batchSize;
    this.flushIntervalNanos = flushInterval.toNanos();
    this.attempts = attempts;
    this.sendTimeout = sendTimeout;
    this.retryBackoff = retryBackoff;
    this.closeTimeout = closeTimeout;
    this.thread = new Thread(this::run, "assay-exposure-sender");
    thread.setDaemon(true); // close() flushes; a JVM exiting without it must not hang on this
  }

  void start() {
    thread.start();
  }

  /** A full batch is waiting: send it now rather than at the next flush. */
  void wake() {
    LockSupport.unpark(thread);
  }

  private void run() {
    long nextFlush = System.nanoTime() + flushIntervalNanos;
    while (!closing) {
      long now = System.nanoTime();
      if (buffer.size() >= batchSize) {
        sendBatch();
      } else if (now - nextFlush >= 0) {
        while (buffer.size() > 0 && !closing) {
          sendBatch();
        }
        counters.logHeldBackDrops();
        nextFlush = System.nanoTime() + flushIntervalNanos;
      } else {
        LockSupport.parkNanos(this, nextFlush - now);
      }
    }
    while (buffer.size() > 0 && System.nanoTime() - closeDeadlineNanos < 0) {
      sendBatch();
    }
    dropRemaining();
  }

  private void sendBatch() {
    List<Exposure> batch = new ArrayList<>(Math.min(batchSize, buffer.size()));
    if (buffer.drainTo(batch, batchSize) == 0) {
      return;
    }
    long backoffNanos = retryBackoff.toNanos();
    for (int attempt = 1; ; attempt++) {
      Duration timeout = timeoutNow();
      if (timeout.isZero()) {
        drop(batch, DropReason.SHUTDOWN, "the wait on close ran out");
        return;
      }
      try {
        transport.send(batch, timeout);
        counters.sent(batch.size());
        return;
      } catch (ExposureSendException e) {
        if (!e.isRetryable() || attempt >= attempts) {
          drop(batch, DropReason.SEND_FAILED, attempt + " attempt(s): " + e.getMessage());
          return;
        }
      } catch (RuntimeException e) {
        // A bug in mapping or transport must not kill the only sender thread.
        drop(batch, DropReason.SEND_FAILED, "unexpected " + e.getClass().getName());
        EventLog.error("exposures.send_bug", "error", String.valueOf(e));
        return;
      }
      if (!pause(backoffNanos)) {
        drop(batch, DropReason.SHUTDOWN, "the wait on close ran out before the next attempt");
        return;
      }
      backoffNanos *= 2;
    }
  }

  /** The send deadline: the usual one, or what is left of the wait on close (zero when none). */
  private Duration timeoutNow() {
    if (!closing) {
      return sendTimeout;
    }
    long left = closeDeadlineNanos - System.nanoTime();
    return left <= 0 ? Duration.ZERO : Duration.ofNanos(Math.min(left, sendTimeout.toNanos()));
  }

  /** Waits before a retry; false when closing and the retry would start after the deadline. */
  private boolean pause(long nanos) {
    long until = System.nanoTime() + nanos;
    long left;
    while ((left = until - System.nanoTime()) > 0) {
      if (closing && until - closeDeadlineNanos > 0) {
        return false;
      }
      LockSupport.parkNanos(this, left);
    }
    return true;
  }

  private void drop(List<Exposure> batch, DropReason reason, String detail) {
    batch.forEach(onDropped); // before counting, so whoever sees the count sees them forgotten
    counters.dropped(reason, batch.size(), detail);
  }

  private void dropRemaining() {
    List<Exposure> left = new ArrayList<>();
    while (buffer.drainTo(left, Integer.MAX_VALUE) > 0) {
      drop(left, DropReason.SHUTDOWN, "still buffered when the wait on close ran out");
      left.clear();
    }
  }

  /** Sends what is buffered, waiting at most the close timeout; drops and counts the rest. */
  @Override
  public void close() {
    closeDeadlineNanos = System.nanoTime() + closeTimeout.toNanos();
    closing = true;
    LockSupport.unpark(thread);
    try {
      thread.join(TimeUnit.NANOSECONDS.toMillis(closeTimeout.toNanos()) + 1_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (thread.isAlive()) {
      // Stuck in a send that ignores its deadline: give up on it; what is left is counted.
      thread.interrupt();
      dropRemaining();
    }
  }
}
