package dev.assay.assignment.api;

import com.google.protobuf.Timestamp;
import dev.assay.runtime.errors.ValidationException;
import java.time.Instant;

/**
 * Instant ↔ protobuf Timestamp. A Timestamp is valid in the range its specification allows ({@code
 * google/protobuf/timestamp.proto}): 0001-01-01T00:00:00Z to 9999-12-31T23:59:59.999999999Z, nanos
 * in [0, 999,999,999]; anything else is the caller's error.
 */
final class Timestamps {
  /** 0001-01-01T00:00:00Z. */
  static final long MIN_SECONDS = -62_135_596_800L;

  /** 9999-12-31T23:59:59Z. */
  static final long MAX_SECONDS = 253_402_300_799L;

  private Timestamps() {}

  /**
   * The instant {@code t} stands for.
   *
   * @throws ValidationException naming {@code field} when {@code t} is outside the valid range
   */
  static Instant toInstant(Timestamp t, String field) {
    if (t.getSeconds() < MIN_SECONDS
        || t.getSeconds() > MAX_SECONDS
        || t.getNanos() < 0
        || t.getNanos() > 999_999_999) {
      throw ValidationException.of(
          field,
          "must be a valid Timestamp from 0001-01-01T00:00:00Z to 9999-12-31T23:59:59.999999999Z"
              + " (nanos in [0, 999999999])");
    }
    return Instant.ofEpochSecond(t.getSeconds(), t.getNanos());
  }

  static Timestamp toProto(Instant i) {
    return Timestamp.newBuilder().setSeconds(i.getEpochSecond()).setNanos(i.getNano()).build();
  }
}
