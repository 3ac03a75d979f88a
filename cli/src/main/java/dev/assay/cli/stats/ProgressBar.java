package dev.assay.cli.stats;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;

/**
 * A one-line progress bar with the rate and ETA, redrawn in place on standard error at most a few
 * times a second; silent when off (stderr is not a terminal and {@code --progress} was not given),
 * so logs and pipes stay clean.
 */
final class ProgressBar {
  private static final int WIDTH = 30;
  private static final long REDRAW_MILLIS = 200;

  private final PrintWriter err;
  private final Clock clock;
  private final boolean enabled;
  private final long totalBytes;
  private final long startMillis;
  private long lastDrawMillis = Long.MIN_VALUE;
  private long lastDrawnBytes = -1;
  private String label = "";

  ProgressBar(PrintWriter err, Clock clock, boolean enabled, long totalBytes) {
    this.err = err;
    this.clock = clock;
    this.enabled = enabled;
    this.totalBytes = Math.max(1, totalBytes);
    this.startMillis = clock.millis();
  }

  /** What is being done now (shown before the bar). */
  void label(String label) {
    this.label = label;
  }

  /** {@code doneBytes} of the total are done; redraws if it is time. */
  void update(long doneBytes) {
    if (!enabled) {
      return;
    }
    long now = clock.millis();
    if (doneBytes == lastDrawnBytes
        || (now - lastDrawMillis < REDRAW_MILLIS && doneBytes < totalBytes)) {
      return;
    }
    lastDrawMillis = now;
    lastDrawnBytes = doneBytes;
    double fraction = Math.min(1, (double) doneBytes / totalBytes);
    int filled = (int) Math.round(fraction * WIDTH);
    long elapsed = now - startMillis;
    String eta =
        fraction <= 0 || elapsed <= 0
            ? "--:--"
            : clockTime(Duration.ofMillis((long) (elapsed * (1 - fraction) / fraction)));
    err.print(
        String.format(
            Locale.ROOT,
            "\r%s [%s%s] %5.1f%% %.1f/%.1f MB ETA %s ",
            label,
            "#".repeat(filled),
            ".".repeat(WIDTH - filled),
            fraction * 100,
            doneBytes / 1e6,
            totalBytes / 1e6,
            eta));
    err.flush();
  }

  /** Ends the bar's line. */
  void finish() {
    if (enabled) {
      err.println();
      err.flush();
    }
  }

  private static String clockTime(Duration d) {
    long seconds = d.toSeconds();
    return String.format(
        Locale.ROOT, "%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60);
  }
}
