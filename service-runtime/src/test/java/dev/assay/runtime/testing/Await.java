package dev.assay.runtime.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.function.Executable;

/** Waits for something another thread does, by polling: never a fixed {@code Thread.sleep}. */
public final class Await {
  private static final long POLL_MILLIS = 5;

  private Await() {}

  /** Polls {@code condition} until it holds; fails with {@code what} after {@code limit}. */
  public static void awaitWithin(Duration limit, String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + limit.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within " + limit + ": " + what);
      }
      pause();
    }
  }

  /**
   * Retries {@code assertion} until it passes; after {@code limit} rethrows its last failure. For
   * assertions whose message says more than a boolean would.
   */
  public static void awaitWithin(Duration limit, Executable assertion) {
    long deadline = System.nanoTime() + limit.toNanos();
    while (true) {
      try {
        assertion.execute();
        return;
      } catch (Throwable failure) {
        if (System.nanoTime() > deadline) {
          AssertionError timedOut = new AssertionError("not within " + limit, failure);
          throw timedOut;
        }
      }
      pause();
    }
  }

  private static void pause() {
    try {
      Thread.sleep(POLL_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while waiting", e);
    }
  }
}
