package dev.assay.runtime.log;

import java.time.Instant;

/**
 * One structured line per notable event, as JSON on standard error: {@code
 * {"time":"...","level":"INFO","event":"server.started","service":"assignment",...}}.
 */
public final class EventLog {
  private EventLog() {}

  /** Logs an informational event with key/value pairs. */
  public static void info(String event, Object... keyValues) {
    write("INFO", event, keyValues);
  }

  /** Logs a warning event with key/value pairs. */
  public static void warn(String event, Object... keyValues) {
    write("WARN", event, keyValues);
  }

  /** Logs an error event with key/value pairs. */
  public static void error(String event, Object... keyValues) {
    write("ERROR", event, keyValues);
  }

  static String format(String level, String event, Object... keyValues) {
    if (keyValues.length % 2 != 0) {
      throw new IllegalArgumentException("key/value pairs expected");
    }
    StringBuilder line = new StringBuilder(128);
    line.append("{\"time\":\"").append(Instant.now()).append("\",\"level\":\"").append(level);
    line.append("\",\"event\":");
    quote(line, event);
    for (int i = 0; i < keyValues.length; i += 2) {
      line.append(',');
      quote(line, String.valueOf(keyValues[i]));
      line.append(':');
      Object value = keyValues[i + 1];
      if (value instanceof Number || value instanceof Boolean) {
        line.append(value);
      } else {
        quote(line, String.valueOf(value));
      }
    }
    return line.append('}').toString();
  }

  private static void write(String level, String event, Object... keyValues) {
    // Looked up at every write (not kept) so that a test can capture the log with System.setErr.
    System.err.println(format(level, event, keyValues));
  }

  private static void quote(StringBuilder out, String text) {
    out.append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }
}
