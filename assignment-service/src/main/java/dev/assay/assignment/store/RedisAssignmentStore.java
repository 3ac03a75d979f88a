package dev.assay.assignment.store;

import static dev.assay.assignment.store.RedisWire.bytes;
import static dev.assay.assignment.store.RedisWire.call;

import dev.assay.assignment.definitions.Experiment;
import dev.assay.assignment.definitions.FeatureFlag;
import dev.assay.assignment.overrides.OverrideTarget;
import dev.assay.assignment.overrides.UnitOverride;
import dev.assay.runtime.log.EventLog;
import dev.assay.runtime.redis.SharedRedisClient;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisConnectionStateListener;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Definitions and overrides in Redis (layout in {@link RedisKeys}). Writes run as Lua scripts that
 * store and announce in one atomic step; announcements travel on a pub/sub channel every replica
 * subscribes to. When one of its connections comes back after a loss, listeners are told to resync.
 *
 * <p>It borrows the process's {@link SharedRedisClient} and owns only the two connections it opens
 * (commands and pub/sub): closing it closes those, never the client.
 */
public final class RedisAssignmentStore implements AssignmentStore {
  private static final RedisCodec<String, byte[]> CODEC =
      RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);

  private final SharedRedisClient client;
  private final String description;
  private final RedisKeys keys;
  private final StoreCodec codec;
  private final StatefulRedisConnection<String, byte[]> connection;
  private final RedisCommands<String, byte[]> redis;
  private final StatefulRedisPubSubConnection<String, String> pubSub;
  private final RedisDefinitionStore<Experiment> experiments;
  private final RedisDefinitionStore<FeatureFlag> flags;
  private final List<ChangeListener> listeners = new CopyOnWriteArrayList<>();
  private final RedisConnectionStateListener reconnects = new ResyncAfterReconnect();

  /**
   * Connects through {@code client} (failing fast if Redis is unreachable now), under the client's
   * key prefix, and subscribes to the change channel.
   */
  public RedisAssignmentStore(SharedRedisClient client, StoreCodec codec) {
    this.client = client;
    this.description = client.maskedUrl() + " (key prefix " + client.settings().keyPrefix() + ")";
    this.keys = new RedisKeys(client.settings().keyPrefix());
    this.codec = codec;
    this.connection = client.client().connect(CODEC);
    this.redis = connection.sync();
    this.pubSub = client.client().connectPubSub();
    this.experiments =
        new RedisDefinitionStore<>(
            redis,
            keys.changesChannel(),
            new RedisDefinitionStore.Kind<>(
                "experiment",
                Change.Kind.EXPERIMENT,
                keys::experiment,
                keys.experimentPattern(),
                codec::encodeExperiment,
                codec::decodeExperiment));
    this.flags =
        new RedisDefinitionStore<>(
            redis,
            keys.changesChannel(),
            new RedisDefinitionStore.Kind<>(
                "flag",
                Change.Kind.FLAG,
                keys::flag,
                keys.flagPattern(),
                codec::encodeFlag,
                codec::decodeFlag));
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
    client.client().addListener(reconnects);
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
  public void putOverrides(OverrideTarget target, List<UnitOverride> overrides) {
    byte[][] args = new byte[2 + overrides.size() * 2][];
    args[0] = bytes(keys.changesChannel());
    args[1] = RedisWire.message(Change.ofWrite(target, overrides));
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
    Long removed =
        call(
            () ->
                redis.eval(
                    RedisScripts.DELETE_OVERRIDE,
                    ScriptOutputType.INTEGER,
                    new String[] {keys.overrides(target)},
                    bytes(unitId),
                    bytes(keys.changesChannel()),
                    RedisWire.message(Change.ofOverrides(target, unitId))));
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
    return call(() -> decodeOverrides(keys.overrides(target)));
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

  /** Closes this store's connections; the shared client stays open for its owner to close. */
  @Override
  public void close() {
    listeners.clear();
    client.client().removeListener(reconnects);
    pubSub.close();
    connection.close();
  }

  private List<UnitOverride> decodeOverrides(String redisKey) {
    List<UnitOverride> result = new ArrayList<>();
    for (byte[] value : redis.hgetall(redisKey).values()) {
      result.add(codec.decodeOverride(value));
    }
    return result;
  }

  /**
   * Tells listeners to resync when one of this store's connections is back after a loss: pub/sub
   * messages sent meanwhile are gone.
   */
  private final class ResyncAfterReconnect implements RedisConnectionStateListener {
    private volatile boolean wasDisconnected;

    @Override
    public void onRedisDisconnected(RedisChannelHandler<?, ?> handler) {
      if (isOwn(handler)) {
        wasDisconnected = true;
      }
    }

    @Override
    public void onRedisConnected(RedisChannelHandler<?, ?> handler, SocketAddress address) {
      if (isOwn(handler) && wasDisconnected) {
        wasDisconnected = false;
        EventLog.info("redis.reconnected", "store", description, "address", address.toString());
        listeners.forEach(ChangeListener::onResyncNeeded);
      }
    }

    private boolean isOwn(RedisChannelHandler<?, ?> handler) {
      return handler == connection || handler == pubSub;
    }
  }
}
