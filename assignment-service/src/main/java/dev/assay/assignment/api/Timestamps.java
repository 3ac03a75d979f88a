package dev.assay.assignment.api;

import com.google.protobuf.Timestamp;
import java.time.Instant;

/** Instant ↔ protobuf Timestamp. */
final class Timestamps {
  private Timestamps() {}

  static Instant toInstant(Timestamp t) {
    return Instant.ofEpochSecond(t.getSeconds(), t.getNanos());
  }

  static Timestamp toProto(Instant i) {
    return Timestamp.newBuilder().setSeconds(i.getEpochSecond()).setNanos(i.getNano()).build();
  }
}
