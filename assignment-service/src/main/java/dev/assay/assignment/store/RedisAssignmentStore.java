package dev.assay.assignment.store;

import static dev.assay.assignment.store.RedisWire.bytes;
import static dev.assay.assignment.store.RedisWire.call;

import dev.assay.assignment.definitions.Experiment;
import dev.assay.assignment.definitions.FeatureFlag;
import dev.assay.assignment.overrides.OverrideTarget;
import dev.assay.assignment.overrides.UnitOverride;
import dev.assay.runtime.redis.RedisConnection;
import dev.assay.runtime.redis.SharedRedisClient;
import dev.assay.runtime.redis.StoreGuard;
import dev.assay.runtime.redis.StoreMonitor;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.opentelemetry.api.OpenTelemetry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Definitions and overrides in Redis, single node or cluster (layout in {@link RedisKeys}). Writes
 * run as Lua scripts that store and announce in one atomic step; announcements travel on a pub/sub
 * channel every replica subscribes to. Each write then waits for the configured replicas and
 * increments the store's revision, which the {@link StoreMonitor} compares to find missed
 * announcements and lost stores.
 *
 * <p>It borrows the process's {@link SharedRedisClient} and owns only the connections it opens
 * (commands, markers and pub/sub) and its monitor: closing it closes those, never the client.
 */
public final class RedisAssignmentStore implements AssignmentStore {
  /** How often the monitor checks the store's epoch and revision. */
  static final Duration CHECK_INTERVAL = Duration.ofMillis(200);

  private static final RedisCodec<String, byte[]> CODEC =
      RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);

  private final String description;
  private final RedisKeys keys;
  private final StoreCodec codec;
  private final RedisConnection<String, byte[]> connection;
  private final RedisClusterCommands<String, byte[]> redis;
  private final RedisConnection<String, String> markers;
  private final StatefulRedisPubSubConnection<String, String> pubSub;
  private final StoreMonitor monitor;
  private final RedisDefinitionStore<Experiment> experiments;
  private final RedisDefinitionStore<FeatureFlag> flags;
  private final WriteFence fence;
  private final List<ChangeListener> listeners = new CopyOnWriteArrayList<>();

  /** A store resyncing fully every 30 s, with no telemetry (tests). */
  public RedisAssignmentStore(SharedRedisClient client, StoreCodec codec) {
    this(client, codec, Duration.ofSeconds(30), OpenTelemetry.noop());
  }

  /**
   * Connects through {@code client} (failing fast if Redis is unreachable now), under the client's
   * key prefix, and subscribes to the change channel. Its monitor resyncs every replica fully every
   * {@code fullResyncInterval} and counts losses through {@code telemetry}.
   */
  public RedisAssignmentStore(
      SharedRedisClient client,
      StoreCodec codec,
      Duration fullResyncInterval,
      OpenTelemetry telemetry) {
    this.description = client.maskedUrl() + " (key prefix " + client.settings().keyPrefix() + ")";
    this.keys = new RedisKeys(client.settings().keyPrefix());
    this.codec = codec;
    this.connection = client.connect(CODEC);
    this.redis = connection.sync();
    this.markers = client.connect();
    this.pubSub = client.connectPubSub();
    this.monitor =
        new StoreMonitor(
            "assignment",
            new StoreGuard(markers, keys.meta()),
            () -> connection.isOpen() && markers.isOpen() && pubSub.isOpen(),
            CHECK_INTERVAL,
            fullResyncInterval,
            telemetry);
    WriteFence fence =
        new WriteFence() {
          @Override
          public void beforeWrite() {
            monitor.checkWritable();
          }

          @Override
          public void afterWrite(String redisKey) {
            call(
                () -> {
                  connection.awaitReplication(redisKey);
                  monitor.recordWrite();
                  return null;
                });
          }
        };
    this.experiments =
        new RedisDefinitionStore<>(
            connection,
            keys.changesChannel(),
            new RedisDefinitionStore.Kind<>(
                "experiment",
                Change.Kind.EXPERIMENT,
                keys::experiment,
                keys.experimentPattern(),
                codec::encodeExperiment,
                codec::decodeExperiment),
            fence);
    this.flags =
        new RedisDefinitionStore<>(
            connection,
            keys.changesChannel(),
            new RedisDefinitionStore.Kind<>(
                "flag",
                Change.Kind.FLAG,
                keys::flag,
                keys.flagPattern(),
                codec::encodeFlag,
                codec::decodeFlag),
            fence);
    this.fence = fence;
    pubSub.addListener(
        new RedisPubSubAdapter<>() {
          @Override
          public void message(String channel, String message) {
            Change change = RedisWire.parse(message);
            if (change != null) {
              listeners.forEach(l -> l.onChange(change));
            }
          }
        });
    pubSub.sync().subscribe(keys.changesChannel());
  }

  @Override
  public String description() {
    return description;
  }

  @Override
  public DefinitionStore<Experiment> experiments() {
    return experiments;
  }

  @Override
  public DefinitionStore<FeatureFlag> flags() {
    return flags;
  }

  @Override
  public Optional<StoreMonitor> monitor() {
    return Optional.of(monitor);
  }

  @Override
  public void putOverrides(OverrideTarget target, List<UnitOverride> overrides) {
    fence.beforeWrite();
    String key = keys.overrides(target);
    call(
        () ->
            redis.eval(
                RedisScripts.PUT_OVERRIDES,
                ScriptOutputType.INTEGER,
                new String[] {key},
                overrideArgs(Change.ofWrite(target, overrides), overrides)));
    fence.afterWrite(key);
  }

  @Override
  public boolean deleteOverride(OverrideTarget target, String unitId) {
    fence.beforeWrite();
    String key = keys.overrides(target);
    Long removed =
        call(
            () ->
                redis.eval(
                    RedisScripts.DELETE_OVERRIDE,
                    ScriptOutputType.INTEGER,
                    new String[] {key},
                    bytes(unitId),
                    bytes(keys.changesChannel()),
                    RedisWire.message(Change.ofOverrides(target, unitId))));
    if (removed == 1L) {
      fence.afterWrite(key);
    }
    return removed == 1L;
  }

  @Override
  public long restore(
      List<Experiment> heldExperiments,
      List<FeatureFlag> heldFlags,
      Map<OverrideTarget, List<UnitOverride>> heldOverrides) {
    long written = 0;
    for (Experiment e : heldExperiments) {
      written += experiments.restore(e) ? 1 : 0;
    }
    for (FeatureFlag f : heldFlags) {
      written += flags.restore(f) ? 1 : 0;
    }
    for (var entry : heldOverrides.entrySet()) {
      OverrideTarget target = entry.getKey();
      Long count =
          call(
              () ->
                  redis.eval(
                      RedisScripts.RESTORE_OVERRIDES,
                      ScriptOutputType.INTEGER,
                      new String[] {keys.overrides(target)},
                      overrideArgs(Change.ofWrite(target, entry.getValue()), entry.getValue())));
      written += count;
    }
    return written;
  }

  /** Script arguments: channel, message, then unit id / encoded override pairs. */
  private byte[][] overrideArgs(Change change, List<UnitOverride> overrides) {
    byte[][] args = new byte[2 + overrides.size() * 2][];
    args[0] = bytes(keys.changesChannel());
    args[1] = RedisWire.message(change);
    for (int i = 0; i < overrides.size(); i++) {
      args[2 + 2 * i] = bytes(overrides.get(i).unitId());
      args[3 + 2 * i] = codec.encodeOverride(overrides.get(i));
    }
    return args;
  }

  @Override
  public Optional<UnitOverride> findOverride(OverrideTarget target, String unitId) {
    return call(
        () ->
            Optional.ofNullable(redis.hget(keys.overrides(target), unitId))
                .map(codec::decodeOverride));
  }

  @Override
  public List<UnitOverride> loadOverrides(OverrideTarget target) {
    return call(() -> decodeOverrides(keys.overrides(target)));
  }

  @Override
  public List<UnitOverride> loadAllOverrides() {
    return call(
        () -> {
          List<UnitOverride> result = new ArrayList<>();
          for (String key : connection.keys(keys.overridesPattern())) {
            if (keys.targetOfOverridesKey(key) != null) {
              result.addAll(decodeOverrides(key));
            }
          }
          return result;
        });
  }

  @Override
  public void subscribe(ChangeListener listener) {
    listeners.add(listener);
  }

  /** Closes this store's monitor and connections; the shared client stays open. */
  @Override
  public void close() {
    listeners.clear();
    monitor.close();
    pubSub.close();
    markers.close();
    connection.close();
  }

  private List<UnitOverride> decodeOverrides(String redisKey) {
    List<UnitOverride> result = new ArrayList<>();
    for (byte[] value : redis.hgetall(redisKey).values()) {
      result.add(codec.decodeOverride(value));
    }
    return result;
  }
}
