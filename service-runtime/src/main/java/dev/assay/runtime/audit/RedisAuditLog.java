package dev.assay.runtime.audit;

import static dev.assay.runtime.redis.RedisConnection.orUnavailable;

import dev.assay.runtime.redis.RedisConnection;
import dev.assay.runtime.redis.SharedRedisClient;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.StreamMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The audit trail as one Redis stream, {@code <prefix>:{audit}:events}: {@code XADD} appends with a
 * time-ordered id, and nothing in Assay ever trims or deletes it. It is as durable as the Redis
 * persistence behind it; export it (ExportAuditEvents) to keep it longer or elsewhere.
 */
public final class RedisAuditLog implements AuditLog {
  /** Entries read per Redis round trip. */
  private static final int CHUNK = 200;

  /** Most entries one list call examines, so a narrow filter cannot make one call scan forever. */
  static final int MAX_SCANNED_PER_PAGE = 10_000;

  private final RedisConnection<String, String> connection;
  private final String key;

  /** Borrows a connection from the process's Redis client. */
  public RedisAuditLog(SharedRedisClient client) {
    this.connection = client.connect();
    this.key = client.settings().keyPrefix() + ":{audit}:events";
  }

  @Override
  public AuditEntry append(AuditEntry entry) {
    String id =
        orUnavailable(() -> connection.sync().xadd(key, Map.of("e", AuditJson.write(entry))));
    connection.awaitReplication(key);
    return entry.withId(id);
  }

  @Override
  public AuditPage list(AuditQuery query, int pageSize, String pageToken) {
    return scan(query, pageSize, pageToken, true);
  }

  @Override
  public AuditPage exportPage(AuditQuery query, int pageSize, String pageToken) {
    return scan(query, pageSize, pageToken, false);
  }

  /**
   * Reads the stream from just past {@code pageToken} (or its newest or oldest end) in chunks,
   * keeping matching entries until the page is full, the stream ends, or {@link
   * #MAX_SCANNED_PER_PAGE} entries were examined; the next token is the last entry examined.
   */
  private AuditPage scan(AuditQuery query, int pageSize, String pageToken, boolean newestFirst) {
    Range.Boundary<String> floor =
        query.startTime() == null
            ? Range.Boundary.unbounded()
            : Range.Boundary.including(query.startTime().toEpochMilli() + "-0");
    Range.Boundary<String> position =
        pageToken.isEmpty()
            ? Range.Boundary.unbounded()
            : Range.Boundary.excluding(StreamId.parse(pageToken).toString());
    List<AuditEntry> page = new ArrayList<>();
    int scanned = 0;
    String lastSeen = pageToken;
    while (page.size() < pageSize && scanned < MAX_SCANNED_PER_PAGE) {
      List<StreamMessage<String, String>> chunk = read(floor, position, newestFirst);
      for (StreamMessage<String, String> message : chunk) {
        scanned++;
        lastSeen = message.getId();
        AuditEntry entry =
            AuditJson.read(message.getId(), message.getBody().getOrDefault("e", "{}"));
        if (!newestFirst && query.endTime() != null && !entry.time().isBefore(query.endTime())) {
          return new AuditPage(page, "");
        }
        if (query.matches(entry)) {
          page.add(entry);
          if (page.size() == pageSize) {
            break;
          }
        }
      }
      if (chunk.size() < CHUNK && page.size() < pageSize) {
        return new AuditPage(page, "");
      }
      position = Range.Boundary.excluding(lastSeen);
    }
    return new AuditPage(page, lastSeen);
  }

  /**
   * The next chunk after {@code position}: backwards down to {@code floor}, or forwards from it.
   */
  private List<StreamMessage<String, String>> read(
      Range.Boundary<String> floor, Range.Boundary<String> position, boolean newestFirst) {
    if (newestFirst) {
      Range<String> range = Range.from(floor, position);
      return orUnavailable(() -> connection.sync().xrevrange(key, range, Limit.from(CHUNK)));
    }
    Range<String> range =
        Range.from(position.isUnbounded() ? floor : position, Range.Boundary.unbounded());
    return orUnavailable(() -> connection.sync().xrange(key, range, Limit.from(CHUNK)));
  }

  @Override
  public void close() {
    connection.close();
  }
}
