package dev.assay.assignment.store;

import dev.assay.assignment.definitions.Experiment;
import dev.assay.assignment.definitions.FeatureFlag;
import dev.assay.assignment.overrides.OverrideTarget;
import dev.assay.assignment.overrides.UnitOverride;
import dev.assay.runtime.errors.AbortedException;
import dev.assay.runtime.errors.AlreadyExistsException;
import dev.assay.runtime.errors.NotFoundException;
import dev.assay.runtime.errors.UnavailableException;
import dev.assay.runtime.log.EventLog;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.RedisException;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanIterator;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Definitions and overrides in Redis (layout in {@link RedisKeys}). Writes run as Lua scripts that
 * store and announce in one atomic step; announcements travel on a pub/sub channel every replica
 * subscribes to. When the connection comes back after a loss, listeners are told to resync.
 */
public final class RedisAssignmentStore implements AssignmentStore {
  private static final RedisCodec<String, byte[]> CODEC =
      RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);

  private final String description;
  private final RedisKeys keys;
  private final StoreCodec codec;
  private final StatefulRedisConnection<String, byte[]> connection;
  private final RedisCommands<String, byte[]> redis;
  private final StatefulRedisPubSubConnection<String, String> pubSub;
  private final List<ChangeListener> listeners = new CopyOnWriteArrayList<>();
  private volatile boolean wasDisconnected;

  /** Connects (failing fast if Redis is unreachable now) and subscribes to the change channel. */
  public RedisAssignmentStore(
      RedisClient client, String description, String keyPrefix, StoreCodec codec) {
    this.description = description;
    this.keys = new RedisKeys(keyPrefix);
    this.codec = codec;
    this.connection = client.connect(CODEC);
    this.redis = connection.sync();
    this.pubSub = client.connectPubSub();
    pubSub.addListener(
        new RedisPubSubAdapter<>() {
          @Override
          public void message(String channel, String message) {
            Change change = parse(message);
            if (change != null) {
              listeners.forEach(l -> l.onChange(change));
            }
          }
        });
    pubSub.sync().subscribe(keys.changesChannel());
    client.addListener(
        new RedisConnectionStateListener() {
          @Override
          public void onRedisDisconnected(io.lettuce.core.RedisChannelHandler<?, ?> handler) {
            wasDisconnected = true;
          }

          @Override
          public void onRedisConnected(
              io.lettuce.core.RedisChannelHandler<?, ?> handler, SocketAddress address) {
            if (wasDisconnected) {
              wasDisconnected = false;
              EventLog.info("redis.reconnected", "address", String.valueOf(address));
              listeners.forEach(ChangeListener::onResyncNeeded);
            }
          }
        });
  }

  @Override
  public String description() {
    return description;
  }

  @Override
  public void createExperiment(Experiment e) {
    create(
        "experiment",
        keys.experiment(e.key()),
        codec.encodeExperiment(e),
        e.version(),
        new Change(Change.Kind.EXPERIMENT, e.key(), null));
  }

  @Override
  public void replaceExperiment(Experiment e, long expectedVersion) {
    replace(
        "experiment",
        keys.experiment(e.key()),
        codec.encodeExperiment(e),
        e.version(),
        expectedVersion,
        new Change(Change.Kind.EXPERIMENT, e.key(), null));
  }

  @Override
  public Optional<Experiment> findExperiment(String key) {
    return call(
        () ->
            Optional.ofNullable(redis.hget(keys.experiment(key), "def"))
                .map(codec::decodeExperiment));
  }

  @Override
  public List<Experiment> loadExperiments() {
    return loadDefinitions(keys.experimentPattern(), codec::decodeExperiment);
  }

  @Override
  public void createFlag(FeatureFlag f) {
    create(
        "flag",
        keys.flag(f.key()),
        codec.encodeFlag(f),
        f.version(),
        new Change(Change.Kind.FLAG, f.key(), null));
  }

  @Override
  public void replaceFlag(FeatureFlag f, long expectedVersion) {
    replace(
        "flag",
        keys.flag(f.key()),
        codec.encodeFlag(f),
        f.version(),
        expectedVersion,
        new Change(Change.Kind.FLAG, f.key(), null));
  }

  @Override
  public Optional<FeatureFlag> findFlag(String key) {
    return call(
        () -> Optional.ofNullable(redis.hget(keys.flag(key), "def")).map(codec::decodeFlag));
  }

  @Override
  public List<FeatureFlag> loadFlags() {
    return loadDefinitions(keys.flagPattern(), codec::decodeFlag);
  }

  @Override
  public void putOverrides(OverrideTarget target, List<UnitOverride> overrides) {
    String unit = overrides.size() == 1 ? overrides.get(0).unitId() : null;
    byte[][] args = new byte[2 + overrides.size() * 2][];
    args[0] = bytes(keys.changesChannel());
    args[1] = bytes(format(new Change(Change.overridesOf(target), target.key(), unit)));
    for (int i = 0; i < overrides.size(); i++) {
      args[2 + 2 * i] = bytes(overrides.get(i).unitId());
      args[3 + 2 * i] = codec.encodeOverride(overrides.get(i));
    }
    call(
        () ->
            redis.eval(
                RedisScripts.PUT_OVERRIDES,
                ScriptOutputType.INTEGER,
                new String[] {keys.overrides(target)},
                args));
  }

  @Override
  public boolean deleteOverride(OverrideTarget target, String unitId) {
    Change change = new Change(Change.overridesOf(target), target.key(), unitId);
    Long removed =
        call(
            () ->
                redis.eval(
                    RedisScripts.DELETE_OVERRIDE,
                    ScriptOutputType.INTEGER,
                    new String[] {keys.overrides(target)},
                    bytes(unitId),
                    bytes(keys.changesChannel()),
                    bytes(format(change))));
    return removed == 1L;
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
    return call(
        () -> {
          List<UnitOverride> result = new ArrayList<>();
          for (byte[] value : redis.hgetall(keys.overrides(target)).values()) {
            result.add(codec.decodeOverride(value));
          }
          return result;
        });
  }

  @Override
  public List<UnitOverride> loadAllOverrides() {
    return call(
        () -> {
          List<UnitOverride> result = new ArrayList<>();
          ScanIterator<String> scan =
              ScanIterator.scan(
                  redis, ScanArgs.Builder.matches(keys.overridesPattern()).limit(500));
          while (scan.hasNext()) {
            String key = scan.next();
            if (keys.targetOfOverridesKey(key) != null) {
              for (Map.Entry<String, byte[]> entry : redis.hgetall(key).entrySet()) {
                result.add(codec.decodeOverride(entry.getValue()));
              }
            }
          }
          return result;
        });
  }

  @Override
  public void subscribe(ChangeListener listener) {
    listeners.add(listener);
  }

  @Override
  public void close() {
    listeners.clear();
    pubSub.close();
    connection.close();
  }

  private void create(String kind, String key, byte[] def, long version, Change change) {
    Long created =
        call(
            () ->
                redis.eval(
                    RedisScripts.CREATE,
                    ScriptOutputType.INTEGER,
                    new String[] {key},
                    def,
                    bytes(Long.toString(version)),
                    bytes(keys.changesChannel()),
                    bytes(format(change))));
    if (created == 0L) {
      throw new AlreadyExistsException(kind + " " + change.key() + " already exists");
    }
  }

  private void replace(
      String kind, String key, byte[] def, long version, long expected, Change change) {
    Long outcome =
        call(
            () ->
                redis.eval(
                    RedisScripts.REPLACE,
                    ScriptOutputType.INTEGER,
                    new String[] {key},
                    def,
                    bytes(Long.toString(version)),
                    bytes(keys.changesChannel()),
                    bytes(format(change)),
                    bytes(Long.toString(expected))));
    if (outcome == -1L) {
      throw new NotFoundException(kind + " " + change.key() + " not found");
    }
    if (outcome == -2L) {
      throw new AbortedException(
          kind
              + " "
              + change.key()
              + " was changed concurrently (expected version "
              + expected
              + "); read it again and retry");
    }
  }

  private <T> List<T> loadDefinitions(String pattern, Function<byte[], T> decode) {
    return call(
        () -> {
          List<T> result = new ArrayList<>();
          ScanIterator<String> scan =
              ScanIterator.scan(redis, ScanArgs.Builder.matches(pattern).limit(500));
          while (scan.hasNext()) {
            byte[] def = redis.hget(scan.next(), "def");
            if (def != null) {
              result.add(decode.apply(def));
            }
          }
          return result;
        });
  }

  private <T> T call(Supplier<T> command) {
    try {
      return command.get();
    } catch (RedisException e) {
      throw new UnavailableException(
          "Redis (" + description + ") is unavailable: " + e.getMessage(), e);
    }
  }

  static String format(Change change) {
    return change.kind()
        + "|"
        + change.key()
        + "|"
        + (change.unitId() == null ? "" : change.unitId());
  }

  static Change parse(String message) {
    String[] parts = message.split("\\|", 3);
    if (parts.length != 3) {
      EventLog.warn("redis.bad_change_message", "message", message);
      return null;
    }
    try {
      return new Change(
          Change.Kind.valueOf(parts[0]), parts[1], parts[2].isEmpty() ? null : parts[2]);
    } catch (IllegalArgumentException e) {
      EventLog.warn("redis.bad_change_message", "message", message);
      return null;
    }
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
