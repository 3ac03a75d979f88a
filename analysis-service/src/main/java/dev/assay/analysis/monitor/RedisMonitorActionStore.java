package dev.assay.analysis.monitor;

import static dev.assay.runtime.redis.RedisConnection.orUnavailable;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assay.runtime.redis.RedisConnection;
import dev.assay.runtime.redis.SharedRedisClient;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.ScriptOutputType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The monitor's record in Redis, shared by every analysis replica: every action in the sorted set
 * {@code <prefix>:{monitor}:actions} and in its experiment's {@code
 * <prefix>:{monitor}:actions:<key>}, scored by an id from {@code INCR} (so newest first is highest
 * score first); the open sample-ratio alerts as {@code <prefix>:{monitor}:srm:<key>}. One hash tag
 * keeps every key in one cluster slot, so an action is added to both sets by one script. The newest
 * {@value #MAX_ACTIONS} actions are kept.
 */
public final class RedisMonitorActionStore implements MonitorActionStore, AutoCloseable {
  /** Actions kept overall and per experiment; older ones are trimmed. */
  public static final int MAX_ACTIONS = 100_000;

  private static final ObjectMapper JSON = new ObjectMapper();

  // KEYS: all, per-experiment. ARGV: id, json, max kept.
  private static final String APPEND =
      """
      redis.call('ZADD', KEYS[1], ARGV[1], ARGV[2])
      redis.call('ZADD', KEYS[2], ARGV[1], ARGV[2])
      redis.call('ZREMRANGEBYRANK', KEYS[1], 0, -tonumber(ARGV[3]) - 1)
      redis.call('ZREMRANGEBYRANK', KEYS[2], 0, -tonumber(ARGV[3]) - 1)
      return 1
      """;

  private final RedisConnection<String, String> connection;
  private final String prefix;

  /** Borrows a connection from the process's Redis client. */
  public RedisMonitorActionStore(SharedRedisClient client) {
    this(client.connect(), client.settings().keyPrefix());
  }

  RedisMonitorActionStore(RedisConnection<String, String> connection, String keyPrefix) {
    this.connection = connection;
    this.prefix = keyPrefix + ":{monitor}:";
  }

  @Override
  public MonitorAction record(
      String experimentKey,
      Instant time,
      MonitorActionKind kind,
      String reason,
      Optional<String> rolledOutVariation,
      boolean isApplied,
      Optional<String> error) {
    long id = orUnavailable(() -> connection.sync().incr(prefix + "next-id"));
    MonitorAction action =
        new MonitorAction(
            Long.toString(id),
            experimentKey,
            time,
            kind,
            reason,
            rolledOutVariation,
            isApplied,
            error);
    String json = write(action);
    orUnavailable(
        () ->
            connection
                .sync()
                .<Long>eval(
                    APPEND,
                    ScriptOutputType.INTEGER,
                    new String[] {prefix + "actions", prefix + "actions:" + experimentKey},
                    Long.toString(id),
                    json,
                    Integer.toString(MAX_ACTIONS)));
    return action;
  }

  @Override
  public ActionPage list(Optional<String> experimentKey, int pageSize, Optional<Long> pageToken) {
    String key = prefix + "actions" + experimentKey.map(k -> ":" + k).orElse("");
    Range<Long> range =
        pageToken.isPresent()
            ? Range.create(Long.MIN_VALUE, pageToken.get() - 1)
            : Range.create(Long.MIN_VALUE, Long.MAX_VALUE);
    List<String> found =
        orUnavailable(
            () -> connection.sync().zrevrangebyscore(key, range, Limit.create(0, pageSize + 1L)));
    List<MonitorAction> actions = new ArrayList<>();
    for (int i = 0; i < Math.min(pageSize, found.size()); i++) {
      actions.add(read(found.get(i)));
    }
    Optional<String> next =
        found.size() > pageSize
            ? Optional.of(actions.get(actions.size() - 1).id())
            : Optional.empty();
    return new ActionPage(actions, next);
  }

  @Override
  public Optional<MonitorAction> latest(String experimentKey) {
    List<String> found =
        orUnavailable(() -> connection.sync().zrevrange(prefix + "actions:" + experimentKey, 0, 0));
    return found.isEmpty() ? Optional.empty() : Optional.of(read(found.get(0)));
  }

  @Override
  public boolean openSampleRatioAlert(String experimentKey) {
    return orUnavailable(() -> connection.sync().setnx(prefix + "srm:" + experimentKey, "1"));
  }

  @Override
  public void closeSampleRatioAlert(String experimentKey) {
    orUnavailable(() -> connection.sync().del(prefix + "srm:" + experimentKey));
  }

  private static String write(MonitorAction action) {
    ObjectNode node = JSON.createObjectNode();
    node.put("id", action.id());
    node.put("experiment", action.experimentKey());
    node.put("time", action.time().toString());
    node.put("kind", action.kind().name());
    node.put("reason", action.reason());
    action.rolledOutVariation().ifPresent(v -> node.put("rolledOut", v));
    node.put("applied", action.isApplied());
    action.error().ifPresent(e -> node.put("error", e));
    return node.toString();
  }

  private static MonitorAction read(String json) {
    JsonNode node;
    try {
      node = JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a monitor action in Redis is not JSON", e);
    }
    return new MonitorAction(
        node.path("id").asText(),
        node.path("experiment").asText(),
        Instant.parse(node.path("time").asText()),
        MonitorActionKind.valueOf(node.path("kind").asText()),
        node.path("reason").asText(),
        node.hasNonNull("rolledOut")
            ? Optional.of(node.get("rolledOut").asText())
            : Optional.empty(),
        node.path("applied").asBoolean(),
        node.hasNonNull("error") ? Optional.of(node.get("error").asText()) : Optional.empty());
  }

  /** Returns the borrowed connection. */
  @Override
  public void close() {
    connection.close();
  }
}
