package dev.assay.runtime.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Load a fault test keeps up while it breaks something: each loop runs on a daemon thread of its
 * own, calling its body again and again until {@link #stop}.
 */
public final class BackgroundLoad implements AutoCloseable {
  private volatile boolean running = true;
  private final List<Thread> threads = new ArrayList<>();

  /** Starts calling {@code body} without pause on a thread named {@code name}. */
  public BackgroundLoad loop(String name, Runnable body) {
    Thread thread =
        new Thread(
            () -> {
              while (running) {
                body.run();
              }
            },
            name);
    thread.setDaemon(true);
    thread.start();
    threads.add(thread);
    return this;
  }

  /** Whether the loops still run (for a loop body that waits and must notice the stop). */
  public BooleanSupplier isRunning() {
    return () -> running;
  }

  /** Stops every loop after its current pass and waits (up to 10 s each) for it to end. */
  public void stop() {
    running = false;
    for (Thread t : threads) {
      try {
        t.join(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  @Override
  public void close() {
    stop();
  }
}
