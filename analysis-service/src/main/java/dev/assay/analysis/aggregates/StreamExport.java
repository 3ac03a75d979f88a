package dev.assay.analysis.aggregates;

import dev.assay.analysis.export.ExportPage;
import dev.assay.runtime.errors.ValidationException;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.StreamMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Reads an export page from a Redis stream: entries after a cursor (a stream id), oldest first, in
 * chunks, examining at most {@link #MAX_SCANNED_PER_PAGE} so a narrow filter cannot make one read
 * scan the whole stream.
 */
final class StreamExport<T> {
  private static final int CHUNK = 200;
  static final int MAX_SCANNED_PER_PAGE = 10_000;
  private static final Pattern STREAM_ID = Pattern.compile("[0-9]{1,20}-[0-9]{1,20}");

  private final LoopRedis redis;
  private final String key;
  private final Function<Map<String, String>, T> decode;

  StreamExport(LoopRedis redis, String key, Function<Map<String, String>, T> decode) {
    this.redis = redis;
    this.key = key;
    this.decode = decode;
  }

  ExportPage<T> page(String afterCursor, Predicate<T> filter, int limit) {
    if (!afterCursor.isEmpty() && !STREAM_ID.matcher(afterCursor).matches()) {
      throw ValidationException.of(
          "after_cursor", "must be a cursor this service returned (a Redis stream id)");
    }
    List<ExportPage.Exported<T>> items = new ArrayList<>();
    String position = afterCursor;
    int scanned = 0;
    while (items.size() < limit && scanned < MAX_SCANNED_PER_PAGE) {
      Range<String> range =
          Range.from(
              position.isEmpty() ? Range.Boundary.unbounded() : Range.Boundary.excluding(position),
              Range.Boundary.unbounded());
      List<StreamMessage<String, String>> chunk =
          redis.await(redis.call(() -> redis.commands().xrange(key, range, Limit.from(CHUNK))));
      for (StreamMessage<String, String> message : chunk) {
        scanned++;
        position = message.getId();
        T item = decode.apply(message.getBody());
        if (filter.test(item)) {
          items.add(new ExportPage.Exported<>(item, position));
          if (items.size() == limit) {
            break;
          }
        }
      }
      if (chunk.size() < CHUNK) {
        break;
      }
    }
    return new ExportPage<>(items, position);
  }
}
