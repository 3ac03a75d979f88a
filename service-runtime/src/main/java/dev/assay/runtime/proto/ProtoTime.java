package dev.assay.runtime.proto;

import com.google.protobuf.Timestamp;
import java.time.Instant;

/** Conversions between {@code java.time} and the protobuf well-known time types, in one place. */
public final class ProtoTime {
  private ProtoTime() {}

  /** The instant as a {@code google.protobuf.Timestamp}, to the nanosecond. */
  public static Timestamp timestamp(Instant instant) {
    return Timestamp.newBuilder()
        .setSeconds(instant.getEpochSecond())
        .setNanos(instant.getNano())
        .build();
  }
}
