package dev.assay.analysis.export;

import dev.assay.runtime.errors.GrpcErrors;
import io.grpc.stub.ServerCallStreamObserver;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Sends an export only as fast as the client reads: each time the stream is ready it reads the next
 * page and sends until the stream's buffer is full, so a large export never piles up in memory and
 * never holds a thread while waiting. At the end of the log it completes the stream, or with {@code
 * follow} checks again every poll interval until the client cancels.
 *
 * @param <T> the exported event type
 * @param <R> the response message type
 */
public final class ExportPump<T, R> {
  /** Events read per page. */
  static final int PAGE_SIZE = 200;

  /** Reads a page of events after a cursor. */
  @FunctionalInterface
  public interface PageSource<T> {
    /** Up to {@code limit} events after {@code cursor}. */
    ExportPage<T> page(String cursor, int limit);
  }

  private final PageSource<T> source;
  private final Function<ExportPage.Exported<T>, R> toResponse;
  private final ServerCallStreamObserver<R> stream;
  private final boolean follow;
  private final ScheduledExecutorService poller;
  private final long pollMillis;
  private final Deque<ExportPage.Exported<T>> buffered = new ArrayDeque<>();
  private String position;
  private boolean finished;
  private boolean pollScheduled;

  private ExportPump(
      PageSource<T> source,
      Function<ExportPage.Exported<T>, R> toResponse,
      ServerCallStreamObserver<R> stream,
      String afterCursor,
      boolean follow,
      ScheduledExecutorService poller,
      Duration pollInterval) {
    this.source = source;
    this.toResponse = toResponse;
    this.stream = stream;
    this.position = afterCursor;
    this.follow = follow;
    this.poller = poller;
    this.pollMillis = pollInterval.toMillis();
  }

  /**
   * Starts exporting from {@code afterCursor} into {@code stream}; returns at once (the stream's
   * readiness drives the rest).
   */
  public static <T, R> void start(
      PageSource<T> source,
      Function<ExportPage.Exported<T>, R> toResponse,
      ServerCallStreamObserver<R> stream,
      String afterCursor,
      boolean follow,
      ScheduledExecutorService poller,
      Duration pollInterval) {
    ExportPump<T, R> pump =
        new ExportPump<>(source, toResponse, stream, afterCursor, follow, poller, pollInterval);
    stream.setOnReadyHandler(pump::pump);
    pump.pump();
  }

  /** Sends what the stream can take now. */
  synchronized void pump() {
    try {
      while (!finished && !stream.isCancelled() && stream.isReady()) {
        if (buffered.isEmpty()) {
          String before = position;
          ExportPage<T> page = source.page(position, PAGE_SIZE);
          buffered.addAll(page.items());
          position = page.position();
          if (buffered.isEmpty()) {
            if (!position.equals(before)) {
              continue; // a page of events the filter skipped: read on
            }
            if (!follow) {
              finished = true;
              stream.onCompleted();
            } else if (!pollScheduled) {
              pollScheduled = true;
              var unused = poller.schedule(this::poll, pollMillis, TimeUnit.MILLISECONDS);
            }
            return;
          }
        }
        stream.onNext(toResponse.apply(buffered.pollFirst()));
      }
    } catch (RuntimeException e) {
      finished = true;
      stream.onError(GrpcErrors.toStatusException(e));
    }
  }

  private synchronized void poll() {
    pollScheduled = false;
    if (!stream.isCancelled()) {
      pump();
    }
  }
}
