package dev.assay.runtime.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock the test sets and advances; the one {@link Clock} the code under test reads. */
public final class MutableClock extends Clock {
  private volatile Instant now;

  /** Starts at {@code now}. */
  public MutableClock(Instant now) {
    this.now = now;
  }

  /** Starts at the real current time. */
  public static MutableClock atSystemTime() {
    return new MutableClock(Clock.systemUTC().instant());
  }

  /** Moves to {@code instant}. */
  public void set(Instant instant) {
    this.now = instant;
  }

  /** Moves forward by {@code step}. */
  public synchronized void advance(Duration step) {
    this.now = now.plus(step);
  }

  @Override
  public Instant instant() {
    return now;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }
}
