package dev.assay.assignment.exposures;

import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A bounded, lock-free queue of exposures waiting to be sent: adding never waits (a full buffer
 * refuses at once), and one sender drains it.
 */
final class ExposureBuffer {
  private final ConcurrentLinkedQueue<Exposure> queue = new ConcurrentLinkedQueue<>();
  private final AtomicInteger size = new AtomicInteger();
  private final int capacity;

  ExposureBuffer(int capacity) {
    this.capacity = capacity;
  }

  /** Adds {@code exposure}; returns the new size, or -1 when the buffer is full. */
  int offer(Exposure exposure) {
    int reserved = size.incrementAndGet();
    if (reserved > capacity) {
      size.decrementAndGet();
      return -1;
    }
    queue.add(exposure);
    return reserved;
  }

  /** Moves up to {@code max} exposures, oldest first, into {@code batch}; returns how many. */
  int drainTo(List<Exposure> batch, int max) {
    int moved = 0;
    Exposure next;
    while (moved < max && (next = queue.poll()) != null) {
      batch.add(next);
      moved++;
    }
    size.addAndGet(-moved);
    return moved;
  }

  /** Exposures waiting (including ones being added right now). */
  int size() {
    return size.get();
  }
}
