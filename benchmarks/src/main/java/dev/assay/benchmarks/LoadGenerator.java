package dev.assay.benchmarks;

import com.google.common.util.concurrent.ListenableFuture;
import com.google.common.util.concurrent.MoreExecutors;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * A closed-loop load generator for asynchronous gRPC calls. Latency is measured with one call in
 * flight (so it is not queueing time); throughput with {@code inFlight} calls kept outstanding.
 */
public final class LoadGenerator {
  private LoadGenerator() {}

  /** Median and tail latency of sequential calls, and throughput under concurrent load. */
  public record Result(String name, double p50Micros, double p99Micros, double callsPerSecond) {
    @Override
    public String toString() {
      return String.format(
          "%-28s p50 %8.1f us   p99 %8.1f us   throughput %10.0f calls/s",
          name, p50Micros, p99Micros, callsPerSecond);
    }

    /** This result relative to a baseline: latency ratios and throughput ratio. */
    public String ratioTo(Result baseline) {
      return String.format(
          "%-28s p50 %.2fx   p99 %.2fx   throughput %.2fx  (vs %s)",
          name,
          p50Micros / baseline.p50Micros,
          p99Micros / baseline.p99Micros,
          callsPerSecond / baseline.callsPerSecond,
          baseline.name);
    }
  }

  /** A named call to measure. */
  public record Target(String name, Supplier<ListenableFuture<?>> call) {}

  /**
   * Measures {@code baseline} then {@code subject} in each of {@code rounds} rounds, prints every
   * round and the medians of the per-round ratios, and returns those medians as {p50, p99,
   * throughput}.
   */
  public static double[] runRounds(
      int rounds, Duration warmup, Duration window, int inFlight, Target baseline, Target subject)
      throws InterruptedException {
    double[][] ratios = new double[3][rounds];
    for (int r = 0; r < rounds; r++) {
      Result base = measure(baseline.name(), baseline.call(), inFlight, warmup, window);
      Result measured = measure(subject.name(), subject.call(), inFlight, warmup, window);
      System.out.printf(
          "round %d%n  %s%n  %s%n  %s%n", r + 1, base, measured, measured.ratioTo(base));
      ratios[0][r] = measured.p50Micros() / base.p50Micros();
      ratios[1][r] = measured.p99Micros() / base.p99Micros();
      ratios[2][r] = measured.callsPerSecond() / base.callsPerSecond();
    }
    double[] medians = {median(ratios[0]), median(ratios[1]), median(ratios[2])};
    System.out.printf(
        "median of %d rounds: %s vs %s: p50 %.2fx   p99 %.2fx   throughput %.2fx%n",
        rounds, subject.name(), baseline.name(), medians[0], medians[1], medians[2]);
    return medians;
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  /** Measures {@code call}: warm-up, sequential latency, then concurrent throughput. */
  public static Result measure(
      String name,
      Supplier<ListenableFuture<?>> call,
      int inFlight,
      Duration warmup,
      Duration window)
      throws InterruptedException {
    runConcurrent(call, inFlight, warmup);
    long[] latencies = sequentialLatencies(call, window);
    long calls = runConcurrent(call, inFlight, window);
    Arrays.sort(latencies);
    return new Result(
        name,
        percentile(latencies, 0.50) / 1e3,
        percentile(latencies, 0.99) / 1e3,
        calls / (window.toNanos() / 1e9));
  }

  private static long[] sequentialLatencies(Supplier<ListenableFuture<?>> call, Duration window)
      throws InterruptedException {
    long[] samples = new long[1 << 16];
    int count = 0;
    long deadline = System.nanoTime() + window.toNanos();
    while (System.nanoTime() < deadline) {
      long start = System.nanoTime();
      try {
        call.get().get();
      } catch (java.util.concurrent.ExecutionException e) {
        throw new IllegalStateException("benchmark call failed", e.getCause());
      }
      if (count == samples.length) {
        samples = Arrays.copyOf(samples, count * 2);
      }
      samples[count++] = System.nanoTime() - start;
    }
    return Arrays.copyOf(samples, count);
  }

  private static long runConcurrent(
      Supplier<ListenableFuture<?>> call, int inFlight, Duration window)
      throws InterruptedException {
    AtomicBoolean running = new AtomicBoolean(true);
    AtomicLong completed = new AtomicLong();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    CountDownLatch drained = new CountDownLatch(inFlight);
    for (int i = 0; i < inFlight; i++) {
      issue(call, running, completed, failure, drained);
    }
    Thread.sleep(window.toMillis());
    long calls = completed.get();
    running.set(false);
    drained.await();
    if (failure.get() != null) {
      throw new IllegalStateException("benchmark call failed", failure.get());
    }
    return calls;
  }

  private static void issue(
      Supplier<ListenableFuture<?>> call,
      AtomicBoolean running,
      AtomicLong completed,
      AtomicReference<Throwable> failure,
      CountDownLatch drained) {
    ListenableFuture<?> future = call.get();
    future.addListener(
        () -> {
          try {
            future.get();
            completed.incrementAndGet();
          } catch (Exception e) {
            failure.compareAndSet(null, e);
            running.set(false);
          }
          if (running.get()) {
            issue(call, running, completed, failure, drained);
          } else {
            drained.countDown();
          }
        },
        MoreExecutors.directExecutor());
  }

  private static double percentile(long[] sorted, double q) {
    if (sorted.length == 0) {
      throw new IllegalStateException("no samples");
    }
    return sorted[(int) Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  }
}
