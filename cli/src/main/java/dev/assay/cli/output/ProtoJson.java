package dev.assay.cli.output;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.MessageOrBuilder;
import com.google.protobuf.util.JsonFormat;

/** Protobuf messages as proto3 JSON with the proto field names ({@code display_name}). */
public final class ProtoJson {
  private static final JsonFormat.Printer PRETTY = JsonFormat.printer().preservingProtoFieldNames();
  private static final JsonFormat.Printer LINE = PRETTY.omittingInsignificantWhitespace();

  private ProtoJson() {}

  /** Indented, for one result. */
  public static String pretty(MessageOrBuilder message) {
    return print(PRETTY, message);
  }

  /** On one line, for JSON Lines. */
  public static String line(MessageOrBuilder message) {
    return print(LINE, message);
  }

  private static String print(JsonFormat.Printer printer, MessageOrBuilder message) {
    try {
      return printer.print(message);
    } catch (InvalidProtocolBufferException e) {
      // Only Any fields with unknown types fail, and the security contracts have none.
      throw new IllegalStateException("cannot print " + message.getClass().getSimpleName(), e);
    }
  }
}
