package dev.assay.analysis.api;

import dev.assay.analysis.ranks.GrowableSample;
import io.grpc.Status;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Admission control for the memory client streams hold (the values a streamed Mann-Whitney test
 * must keep to rank them): every stream reserves the bytes of its arrays before allocating them,
 * from one budget shared by all streams of the server, and returns them when it completes, fails or
 * is cancelled. A stream that would go over its own limit or over what is left is answered {@code
 * RESOURCE_EXHAUSTED} before the allocation, so concurrent large streams cannot exhaust the heap.
 * The limits are listed in docs/operations.md ("Limits: analysis service").
 */
final class StreamMemoryBudget {
  /** The share of the maximum heap that streams may hold together: a quarter. */
  static final int HEAP_DIVISOR = 4;

  /**
   * Bytes of budget per value a stream may hold: a value takes 8 bytes, its array may have grown to
   * twice the values, and the previous half-size array coexists while growing; 24 leaves room, so
   * one stream at its limit always fits in an otherwise idle budget.
   */
  static final int BYTES_PER_ALLOWED_VALUE = 24;

  private final long totalBytes;
  private final int maxValuesPerStream;
  private final AtomicLong reserved = new AtomicLong();

  /** A budget of {@code totalBytes}, and streams of at most {@code totalBytes / 24} values. */
  StreamMemoryBudget(long totalBytes) {
    this.totalBytes = totalBytes;
    this.maxValuesPerStream =
        (int) Math.min(Integer.MAX_VALUE - 8, totalBytes / BYTES_PER_ALLOWED_VALUE);
  }

  /** The budget of this JVM: a quarter of its maximum heap (96 MiB of a 384 MiB heap). */
  static StreamMemoryBudget ofHeap() {
    return new StreamMemoryBudget(Runtime.getRuntime().maxMemory() / HEAP_DIVISOR);
  }

  /** What all streams may hold together, in bytes. */
  long totalBytes() {
    return totalBytes;
  }

  /** The most values (both groups together) one stream may send. */
  int maxValuesPerStream() {
    return maxValuesPerStream;
  }

  /** Bytes currently reserved by all streams. */
  long reservedBytes() {
    return reserved.get();
  }

  /** A new stream's account: what it reserves is returned by {@link Account#close()}. */
  Account open() {
    return new Account();
  }

  /** One stream's reservations; not thread-safe (a stream's messages arrive one at a time). */
  final class Account implements GrowableSample.Memory, AutoCloseable {
    private long held;

    @Override
    public void reserve(long bytes) {
      long after = reserved.addAndGet(bytes);
      if (after > totalBytes) {
        reserved.addAndGet(-bytes);
        throw Status.RESOURCE_EXHAUSTED
            .withDescription(
                "the server's memory for streamed samples ("
                    + totalBytes
                    + " bytes) is in use by other streams; retry later with backoff")
            .asRuntimeException();
      }
      held += bytes;
    }

    @Override
    public void release(long bytes) {
      held -= bytes;
      reserved.addAndGet(-bytes);
    }

    /** Returns everything still held (idempotent). */
    @Override
    public void close() {
      reserved.addAndGet(-held);
      held = 0;
    }
  }
}
