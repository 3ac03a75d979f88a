package dev.assay.cli.tokens;

import dev.assay.cli.time.Rfc3339Converter;
import dev.assay.runtime.config.DurationConverter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/** When a new token stops working: {@code --expires-in} or {@code --expires-at}, not both. */
public final class ExpiryOptions {
  @Option(
      names = "--expires-in",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      description = "Expires this long from now, e.g. 30d or 12h.")
  private @Nullable Duration expiresIn;

  @Option(
      names = "--expires-at",
      paramLabel = "RFC3339",
      converter = Rfc3339Converter.class,
      description = "Expires at this time, e.g. 2027-01-31T00:00:00Z.")
  private @Nullable Instant expiresAt;

  /** The expiry time at {@code clock}'s now. */
  public Instant expireTime(Clock clock) {
    if (expiresAt != null) {
      return expiresAt;
    }
    return clock.instant().plus(expiresIn == null ? Duration.ZERO : expiresIn);
  }
}
