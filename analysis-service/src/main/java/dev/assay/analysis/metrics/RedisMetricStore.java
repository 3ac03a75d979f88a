package dev.assay.analysis.metrics;

import static dev.assay.runtime.redis.RedisConnection.orUnavailable;

import dev.assay.runtime.errors.AlreadyExistsException;
import dev.assay.runtime.errors.NotFoundException;
import dev.assay.runtime.log.EventLog;
import dev.assay.runtime.redis.RedisConnection;
import dev.assay.runtime.redis.SharedRedisClient;
import dev.assay.runtime.redis.StoreGuard;
import dev.assay.runtime.redis.StoreMonitor;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.opentelemetry.api.OpenTelemetry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Metric definitions in Redis, single node or cluster. Every key shares the hash tag {@code
 * {metrics}}, so one script checks a version, writes a metric and bumps the store's revision in one
 * atomic step:
 *
 * <pre>
 * {prefix}:analysis:{metrics}:definitions   hash: metric key -> protobuf MetricDefinition
 * {prefix}:analysis:{metrics}:versions      hash: metric key -> version
 * {prefix}:analysis:{metrics}:epoch|revision|restore-lock|restore-id   see StoreGuard
 * {prefix}:analysis:metrics:changes         pub/sub channel: the key of every metric written
 * </pre>
 *
 * <p>Replicas follow the announcements, reloading the metric each names at once; and the {@link
 * StoreMonitor}, which reads the revision every {@link #CHECK_INTERVAL} and reloads every metric
 * when it moved (so a missed announcement costs at most that long), and writes a replica's metrics
 * back if Redis lost them. It borrows the process's {@link SharedRedisClient} and closes only its
 * own connections and monitor.
 */
public final class RedisMetricStore implements MetricStore {
  /** How often the monitor compares revisions: another replica's write shows within about this. */
  static final Duration CHECK_INTERVAL = Duration.ofMillis(200);

  private static final RedisCodec<String, byte[]> CODEC =
      RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);

  /**
   * KEYS definitions, versions, revision. ARGV key, bytes, version, channel. 1 created, 0 exists.
   */
  private static final String CREATE =
      """
      if redis.call('HEXISTS', KEYS[2], ARGV[1]) == 1 then return 0 end
      redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
      redis.call('HSET', KEYS[2], ARGV[1], ARGV[3])
      redis.call('INCR', KEYS[3])
      redis.call('PUBLISH', ARGV[4], ARGV[1])
      return 1
      """;

  /**
   * KEYS definitions, versions, revision. ARGV key, bytes, version, channel, expected version. 1
   * replaced, -1 absent, -2 stale.
   */
  private static final String REPLACE =
      """
      local stored = redis.call('HGET', KEYS[2], ARGV[1])
      if not stored then return -1 end
      if stored ~= ARGV[5] then return -2 end
      redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
      redis.call('HSET', KEYS[2], ARGV[1], ARGV[3])
      redis.call('INCR', KEYS[3])
      redis.call('PUBLISH', ARGV[4], ARGV[1])
      return 1
      """;

  /**
   * KEYS definitions, versions. ARGV key, bytes, version. Writes a metric back after a loss unless
   * the same or a newer version is stored; the monitor moves the revision afterwards. 1 written, 0
   * kept.
   */
  private static final String RESTORE =
      """
      local stored = redis.call('HGET', KEYS[2], ARGV[1])
      if stored and tonumber(stored) >= tonumber(ARGV[3]) then return 0 end
      redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
      redis.call('HSET', KEYS[2], ARGV[1], ARGV[3])
      return 1
      """;

  private final String description;
  private final MetricCodec codec;
  private final RedisConnection<String, byte[]> connection;
  private final RedisConnection<String, String> markers;
  private final StatefulRedisPubSubConnection<String, String> pubSub;
  private final List<Consumer<String>> subscribers = new CopyOnWriteArrayList<>();
  private final String channel;
  private final StoreMonitor monitor;
  private final String definitionsKey;
  private final String versionsKey;
  private final String revisionKey;

  /** A store resyncing fully every 30 s, with no telemetry (tests). */
  public RedisMetricStore(SharedRedisClient client, MetricCodec codec) {
    this(client, codec, Duration.ofSeconds(30), OpenTelemetry.noop());
  }

  /**
   * Connects through {@code client} (failing fast if Redis is unreachable now), under the client's
   * key prefix. Its monitor reloads fully every {@code fullResyncInterval} and counts store losses
   * through {@code telemetry}.
   */
  public RedisMetricStore(
      SharedRedisClient client,
      MetricCodec codec,
      Duration fullResyncInterval,
      OpenTelemetry telemetry) {
    String base = client.settings().keyPrefix() + ":analysis:{metrics}";
    this.description = client.maskedUrl() + " (key prefix " + client.settings().keyPrefix() + ")";
    this.codec = codec;
    this.definitionsKey = base + ":definitions";
    this.versionsKey = base + ":versions";
    this.revisionKey = base + ":revision"; // StoreGuard's revision: writes bump it in their script
    this.channel = client.settings().keyPrefix() + ":analysis:metrics:changes";
    this.connection = client.connect(CODEC);
    this.markers = client.connect();
    this.pubSub = client.connectPubSub();
    this.monitor =
        new StoreMonitor(
            "analysis.metrics",
            new StoreGuard(markers, base),
            () -> connection.isOpen() && markers.isOpen() && pubSub.isOpen(),
            CHECK_INTERVAL,
            fullResyncInterval,
            telemetry);
    pubSub.addListener(
        new RedisPubSubAdapter<>() {
          @Override
          public void message(String from, String key) {
            subscribers.forEach(s -> s.accept(key));
          }
        });
    pubSub.sync().subscribe(channel);
  }

  @Override
  public void create(MetricDefinition metric) {
    monitor.checkWritable();
    if (write(CREATE, metric, bytes(channel)) == 0L) {
      throw new AlreadyExistsException("metric " + metric.key() + " already exists");
    }
    connection.awaitReplication(definitionsKey);
  }

  @Override
  public void replace(MetricDefinition metric, long expectedVersion) {
    monitor.checkWritable();
    long outcome = write(REPLACE, metric, bytes(channel), bytes(Long.toString(expectedVersion)));
    if (outcome == -1L) {
      throw new NotFoundException("metric " + metric.key() + " not found");
    }
    if (outcome == -2L) {
      throw MetricRegistry.concurrentEdit(metric.key(), expectedVersion);
    }
    connection.awaitReplication(definitionsKey);
  }

  @Override
  public Optional<MetricDefinition> find(String key) {
    byte[] stored = orUnavailable(() -> connection.sync().hget(definitionsKey, key));
    return Optional.ofNullable(stored).map(codec::decode);
  }

  @Override
  public List<MetricDefinition> loadAll() {
    Map<String, byte[]> stored = orUnavailable(() -> connection.sync().hgetall(definitionsKey));
    List<MetricDefinition> metrics = new ArrayList<>(stored.size());
    stored.forEach(
        (key, bytes) -> {
          try {
            metrics.add(codec.decode(bytes));
          } catch (IllegalStateException e) {
            // One unreadable entry must not hide every other metric; it is logged and left out.
            EventLog.error("metrics.unreadable", "key", key, "error", String.valueOf(e));
          }
        });
    return metrics;
  }

  @Override
  public long restore(Collection<MetricDefinition> held) {
    long written = 0;
    for (MetricDefinition metric : held) {
      Long outcome =
          orUnavailable(
              () ->
                  connection
                      .sync()
                      .eval(
                          RESTORE,
                          ScriptOutputType.INTEGER,
                          new String[] {definitionsKey, versionsKey},
                          bytes(metric.key()),
                          codec.encode(metric),
                          bytes(Long.toString(metric.version()))));
      written += outcome;
    }
    return written;
  }

  @Override
  public void subscribe(Consumer<String> onWrite) {
    subscribers.add(onWrite);
  }

  @Override
  public Optional<StoreMonitor> monitor() {
    return Optional.of(monitor);
  }

  @Override
  public String description() {
    return description;
  }

  /** Closes the monitor and this store's connections; the shared client stays open. */
  @Override
  public void close() {
    subscribers.clear();
    monitor.close();
    pubSub.close();
    markers.close();
    connection.close();
  }

  /** Runs a write script: key, bytes, version, then {@code more}. */
  private long write(String script, MetricDefinition metric, byte[]... more) {
    List<byte[]> args = new ArrayList<>(3 + more.length);
    args.add(bytes(metric.key()));
    args.add(codec.encode(metric));
    args.add(bytes(Long.toString(metric.version())));
    args.addAll(List.of(more));
    Long outcome =
        orUnavailable(
            () ->
                connection
                    .sync()
                    .eval(
                        script,
                        ScriptOutputType.INTEGER,
                        new String[] {definitionsKey, versionsKey, revisionKey},
                        args.toArray(byte[][]::new)));
    return outcome;
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
