package dev.assay.analysis.export;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The one thread that wakes following exports to look for new events, every {@link #interval()}.
 * Created in {@code main}, closed on shutdown (which ends following exports with an error the
 * client may resume from).
 */
public final class FollowPoller implements AutoCloseable {
  private final ScheduledExecutorService executor;
  private final Duration interval;

  /** A poller checking every {@code interval}. */
  public FollowPoller(Duration interval) {
    this.interval = interval;
    this.executor =
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              Thread thread = new Thread(task, "assay-export-follow");
              thread.setDaemon(true);
              return thread;
            });
  }

  /** The executor exports schedule their next look on. */
  public ScheduledExecutorService executor() {
    return executor;
  }

  /** How long a following export waits before looking again. */
  public Duration interval() {
    return interval;
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
