package dev.assay.assignment.store;

import dev.assay.runtime.errors.UnavailableException;
import dev.assay.runtime.log.EventLog;
import io.lettuce.core.RedisException;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * How the Redis store talks to Redis: commands whose failures become {@code UNAVAILABLE}, UTF-8
 * script arguments, and the change messages ({@code KIND|key|unit}) announced on the channel.
 */
final class RedisWire {
  private RedisWire() {}

  /** Runs {@code command}; a Redis failure becomes UnavailableException (safe to retry). */
  static <T> T call(Supplier<T> command) {
    try {
      return command.get();
    } catch (RedisException e) {
      throw new UnavailableException("Redis is unavailable: " + e.getMessage(), e);
    }
  }

  /** A script argument. */
  static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** The message announcing {@code change}, as a script argument. */
  static byte[] message(Change change) {
    String unit = change.unitId();
    return bytes(change.kind() + "|" + change.key() + "|" + (unit == null ? "" : unit));
  }

  /** The change a message announces, or null (logged) for a message this version cannot read. */
  static @Nullable Change parse(String message) {
    String[] parts = message.split("\\|", 3);
    try {
      if (parts.length == 3) {
        return new Change(
            Change.Kind.valueOf(parts[0]), parts[1], parts[2].isEmpty() ? null : parts[2]);
      }
    } catch (IllegalArgumentException e) {
      // An unknown kind: logged below like any other unreadable message.
    }
    EventLog.warn("redis.bad_change_message", "message", message);
    return null;
  }
}
