package dev.assay.analysis.outcomes;

import com.google.protobuf.Timestamp;
import dev.assay.runtime.errors.Violations;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Pattern;

/**
 * Field checks shared by exposures and outcome events (docs/experiment-loop.md): sizes, keys, ids
 * and times. Each records a violation naming the field and the allowed range.
 */
public final class EventChecks {
  /** Most exposures or events in one batch. */
  public static final int MAX_BATCH = 10_000;

  /** How far in the future an exposure or event time may lie (clock skew between senders). */
  public static final Duration MAX_FUTURE = Duration.ofMinutes(5);

  /** Largest magnitude of an event value. */
  public static final double MAX_VALUE = 1e15;

  private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_.-]{1,128}");

  // google.protobuf.Timestamp's valid range: 0001-01-01T00:00:00Z to 9999-12-31T23:59:59Z.
  private static final long MIN_SECONDS = -62_135_596_800L;
  private static final long MAX_SECONDS = 253_402_300_799L;

  private EventChecks() {}

  /** A batch of 1 to {@link #MAX_BATCH} entries. */
  public static void batchSize(Violations violations, int size, String field) {
    violations.check(
        size < 1 || size > MAX_BATCH,
        field,
        "must hold 1 to " + MAX_BATCH + " entries, got " + size);
  }

  /** A key of 1-128 characters of [A-Za-z0-9_.-]; returns whether it is one. */
  public static boolean key(Violations violations, String key, String field) {
    boolean isValid = key.length() <= 128 && KEY.matcher(key).matches();
    violations.check(!isValid, field, "must be 1-128 characters of [A-Za-z0-9_.-]");
    return isValid;
  }

  /** Free text of 1 to {@code max} characters. */
  public static void text(Violations violations, String text, int max, String field) {
    violations.check(
        text.isEmpty() || text.length() > max,
        field,
        "must be 1-" + max + " characters, got " + text.length());
  }

  /**
   * A required time, valid and not more than {@link #MAX_FUTURE} after {@code now}; returns it, or
   * {@code now} once it has recorded what is wrong.
   */
  public static Instant time(
      Violations violations, boolean isSet, Timestamp time, Instant now, String field) {
    if (!isSet) {
      violations.add(field, "is required");
      return now;
    }
    if (time.getSeconds() < MIN_SECONDS
        || time.getSeconds() > MAX_SECONDS
        || time.getNanos() < 0
        || time.getNanos() > 999_999_999) {
      violations.add(field, "must be a valid timestamp (years 1-9999)");
      return now;
    }
    Instant instant = Instant.ofEpochSecond(time.getSeconds(), time.getNanos());
    violations.check(
        instant.isAfter(now.plus(MAX_FUTURE)),
        field,
        "must not be more than 5 minutes in the future");
    return instant;
  }

  /** A finite value with magnitude at most {@link #MAX_VALUE}. */
  public static void value(Violations violations, double value, String field) {
    violations.check(
        !(Math.abs(value) <= MAX_VALUE),
        field,
        "must be finite with magnitude at most 1e15, got " + value);
  }
}
