package dev.assay.cli.time;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A time given on the command line either as an RFC 3339 time or as a duration meaning "that long
 * ago" ({@code --since 24h}); resolved against the command's clock when it runs.
 *
 * @param time the absolute time, or null when {@code ago} is set
 * @param ago how long before now, or null when {@code time} is set
 */
public record PointInTime(@Nullable Instant time, @Nullable Duration ago) {
  /** The instant this names at {@code clock}'s now. */
  public Instant resolve(Clock clock) {
    if (time != null) {
      return time;
    }
    return clock.instant().minus(ago == null ? Duration.ZERO : ago);
  }
}
