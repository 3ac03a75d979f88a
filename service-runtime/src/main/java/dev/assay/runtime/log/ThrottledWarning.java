package dev.assay.runtime.log;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * A warning that hostile clients can trigger at will: logged at most once per interval, with the
 * number of occurrences left unlogged since the last line, so a flood costs one line a second.
 */
public final class ThrottledWarning {
  private final LongSupplier nanoTime;
  private final long intervalNanos;
  private final AtomicLong nextLogNanos;
  private final AtomicLong suppressed = new AtomicLong();

  /** At most one line per {@code intervalMillis}, timed by {@code nanoTime}. */
  public ThrottledWarning(LongSupplier nanoTime, long intervalMillis) {
    this.nanoTime = nanoTime;
    this.intervalNanos = TimeUnit.MILLISECONDS.toNanos(intervalMillis);
    this.nextLogNanos = new AtomicLong(nanoTime.getAsLong());
  }

  /**
   * Logs {@code event} unless a line was logged within the interval; then only counts it. Returns
   * whether it logged.
   */
  public boolean warn(String event, Object... keyValues) {
    long now = nanoTime.getAsLong();
    long next = nextLogNanos.get();
    if (now - next < 0 || !nextLogNanos.compareAndSet(next, now + intervalNanos)) {
      suppressed.incrementAndGet();
      return false;
    }
    Object[] line = new Object[keyValues.length + 2];
    System.arraycopy(keyValues, 0, line, 0, keyValues.length);
    line[keyValues.length] = "suppressed_since_last";
    line[keyValues.length + 1] = suppressed.getAndSet(0);
    EventLog.warn(event, line);
    return true;
  }
}
