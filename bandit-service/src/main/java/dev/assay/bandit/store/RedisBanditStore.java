package dev.assay.bandit.store;

import dev.assay.bandit.definition.ArmDefinition;
import dev.assay.bandit.definition.BanditDefinition;
import dev.assay.runtime.errors.AbortedException;
import dev.assay.runtime.errors.AlreadyExistsException;
import dev.assay.runtime.errors.NotFoundException;
import dev.assay.runtime.errors.UnavailableException;
import dev.assay.runtime.redis.RedisConnection;
import dev.assay.runtime.redis.SharedRedisClient;
import dev.assay.runtime.redis.StoreGuard;
import dev.assay.runtime.redis.StoreMonitor;
import io.lettuce.core.KeyValue;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.SetArgs;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.opentelemetry.api.OpenTelemetry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The shared store: Redis, through one pipelined Lettuce connection of its own, opened from the
 * process's {@link SharedRedisClient} (which the store borrows and never closes). Every write to a
 * bandit is one Lua script over that bandit's hash-tagged keys (see {@link RedisKeys}), so replicas
 * never lose or double-count a reward. Any Redis failure surfaces as {@link UnavailableException}.
 * Its {@link StoreMonitor} keeps replicas from adopting a lost store and has one of them write its
 * snapshot back; writes are refused meanwhile, and each write waits for the configured replicas.
 */
public final class RedisBanditStore implements BanditStore {
  /** How often the monitor checks the store's epoch. */
  static final Duration CHECK_INTERVAL = Duration.ofMillis(200);

  private final RedisConnection<String, String> connection;
  private final RedisClusterAsyncCommands<String, String> redis;
  private final StoreMonitor monitor;
  private final RedisCalls calls;
  private final RedisKeys keys;
  private final RedisRewardScripts rewards;
  private final RedisStickyLog sticky;

  /**
   * A store over a connection of its own from {@code client}, with keys under the client's prefix
   * and commands bounded by its timeout; keeps at most {@code logCapacity} decision-log entries per
   * bandit. Connecting fails with {@link UnavailableException} if Redis is down.
   */
  public RedisBanditStore(SharedRedisClient client, int logCapacity) {
    this(client, client.settings().keyPrefix(), logCapacity, OpenTelemetry.noop());
  }

  /** As above, counting store losses through {@code telemetry}. */
  public RedisBanditStore(SharedRedisClient client, int logCapacity, OpenTelemetry telemetry) {
    this(client, client.settings().keyPrefix(), logCapacity, telemetry);
  }

  /** As above, with keys under {@code keyPrefix} (tests give each store a prefix of its own). */
  RedisBanditStore(
      SharedRedisClient client, String keyPrefix, int logCapacity, OpenTelemetry telemetry) {
    this.keys = new RedisKeys(keyPrefix);
    try {
      this.connection = client.connect();
    } catch (RedisException e) {
      throw new UnavailableException("redis unavailable at " + client.maskedUrl(), e);
    }
    this.redis = connection.async();
    this.calls = new RedisCalls(redis, client.settings().commandTimeout());
    this.monitor =
        new StoreMonitor(
            "bandit",
            new StoreGuard(connection, keys.meta()),
            connection::isOpen,
            CHECK_INTERVAL,
            Duration.ofSeconds(30),
            telemetry);
    this.rewards =
        new RedisRewardScripts(calls, keys, logCapacity, () -> monitor.beginLoad().getAsBoolean());
    this.sticky = new RedisStickyLog(redis, calls, keys);
  }

  @Override
  public byte[] sharedDecisionSecret(byte[] candidate) {
    String key = keys.decisionSecret();
    calls.await(
        redis.set(key, Base64.getEncoder().encodeToString(candidate), SetArgs.Builder.nx()));
    String stored = calls.await(redis.get(key));
    byte[] secret;
    try {
      secret = stored == null ? new byte[0] : Base64.getDecoder().decode(stored);
    } catch (IllegalArgumentException e) {
      secret = new byte[0];
    }
    if (secret.length < 32) {
      // The value is never printed: it is (or was meant to be) a secret.
      throw new IllegalStateException(
          "redis key " + key + " holds no usable decision secret; delete it to have one generated");
    }
    replicated(key);
    return secret;
  }

  @Override
  public boolean isShared() {
    return true;
  }

  @Override
  public Optional<StoreMonitor> monitor() {
    return Optional.of(monitor);
  }

  /** Waits for the configured replicas to hold the write to {@code redisKey}. */
  private void replicated(String redisKey) {
    connection.awaitReplication(redisKey);
  }

  @Override
  public BanditDefinition create(BanditDefinition definition) {
    monitor.checkWritable();
    BanditDefinition stored = definition.withVersion(1);
    long created =
        calls.runForInteger(
            RedisScripts.CREATE,
            new String[] {keys.definition(definition.key())},
            DefinitionCodec.encode(stored),
            "1");
    // The index lives in another slot, so it is written after the definition. Adding it again when
    // the key exists repairs an index write lost to a crash in between (a retried create heals it).
    calls.await(redis.zadd(keys.index(), 0, definition.key()));
    if (created == 0) {
      throw new AlreadyExistsException("bandit '" + definition.key() + "' already exists");
    }
    replicated(keys.definition(definition.key()));
    return stored;
  }

  @Override
  public BanditDefinition update(BanditDefinition definition, long expectedVersion) {
    monitor.checkWritable();
    BanditDefinition stored = definition.withVersion(expectedVersion + 1);
    long result =
        calls.runForInteger(
            RedisScripts.UPDATE,
            new String[] {keys.definition(definition.key())},
            Long.toString(expectedVersion),
            DefinitionCodec.encode(stored),
            Long.toString(expectedVersion + 1));
    if (result < 0) {
      throw new NotFoundException("bandit '" + definition.key() + "' not found");
    }
    if (result == 0) {
      throw new AbortedException(
          "bandit '"
              + definition.key()
              + "' changed since version "
              + expectedVersion
              + "; re-read and retry");
    }
    replicated(keys.definition(definition.key()));
    return stored;
  }

  @Override
  public Optional<BanditDefinition> find(String key) {
    String json = calls.await(redis.hget(keys.definition(key), "json"));
    return json == null ? Optional.empty() : Optional.of(definition(key, json));
  }

  @Override
  public List<BanditDefinition> list(String afterKey, int limit) {
    Range<String> range =
        afterKey.isEmpty()
            ? Range.<String>unbounded()
            : Range.from(Range.Boundary.excluding(afterKey), Range.Boundary.unbounded());
    List<String> banditKeys =
        calls.await(redis.zrangebylex(keys.index(), range, Limit.create(0, limit)));
    return definitions(banditKeys);
  }

  private List<BanditDefinition> definitions(List<String> banditKeys) {
    List<RedisFuture<String>> futures = new ArrayList<>();
    for (String key : banditKeys) {
      futures.add(redis.hget(keys.definition(key), "json"));
    }
    List<BanditDefinition> out = new ArrayList<>();
    for (int i = 0; i < futures.size(); i++) {
      String json = calls.await(futures.get(i));
      if (json != null) {
        out.add(definition(banditKeys.get(i), json));
      }
    }
    return out;
  }

  /**
   * Decodes bandit {@code key}'s stored definition, or throws {@link UnreadableBanditException}.
   */
  private static BanditDefinition definition(String key, String json) {
    try {
      return DefinitionCodec.decode(json);
    } catch (IllegalArgumentException e) {
      throw new UnreadableBanditException(
          new UnreadableBandit(key, String.valueOf(e.getMessage())));
    }
  }

  @Override
  public Optional<StoredBandit> load(String key) {
    List<StoredBandit> found =
        withStats(
            List.of(key),
            Map.of(),
            unreadable -> {
              throw new UnreadableBanditException(unreadable);
            });
    return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
  }

  @Override
  public List<StoredBandit> loadAll(Map<String, StoredBandit> known) {
    return loadAll(
        known,
        unreadable -> {
          throw new UnreadableBanditException(unreadable);
        });
  }

  @Override
  public List<StoredBandit> loadAll(
      Map<String, StoredBandit> known, Consumer<UnreadableBandit> onUnreadable) {
    return withStats(calls.await(redis.zrange(keys.index(), 0, -1)), known, onUnreadable);
  }

  /**
   * Definitions and revisions in one pipelined pass; statistics only for bandits that changed. A
   * bandit whose stored form cannot be read is reported to {@code onUnreadable} and left out.
   */
  private List<StoredBandit> withStats(
      List<String> banditKeys,
      Map<String, StoredBandit> known,
      Consumer<UnreadableBandit> onUnreadable) {
    List<RedisFuture<List<KeyValue<String, String>>>> heads = new ArrayList<>();
    for (String key : banditKeys) {
      heads.add(redis.hmget(keys.definition(key), "json", "rev"));
    }
    List<StoredBandit> out = new ArrayList<>();
    List<BanditDefinition> changed = new ArrayList<>();
    List<Long> revisions = new ArrayList<>();
    List<Map<String, RedisFuture<Map<String, String>>>> pending = new ArrayList<>();
    for (int h = 0; h < heads.size(); h++) {
      List<KeyValue<String, String>> fields = calls.await(heads.get(h));
      if (!fields.get(0).hasValue()) {
        continue;
      }
      String key = banditKeys.get(h);
      BanditDefinition d;
      long revision;
      try {
        d = definition(key, fields.get(0).getValue());
        revision = fields.get(1).hasValue() ? Long.parseLong(fields.get(1).getValue()) : 0;
      } catch (UnreadableBanditException e) {
        onUnreadable.accept(e.bandit());
        continue;
      } catch (NumberFormatException e) {
        onUnreadable.accept(new UnreadableBandit(key, "statistics revision is not an integer"));
        continue;
      }
      StoredBandit previous = known.get(d.key());
      if (previous != null && previous.isAt(d.version(), revision)) {
        out.add(previous);
        continue;
      }
      Map<String, RedisFuture<Map<String, String>>> arms = new HashMap<>();
      for (ArmDefinition arm : d.arms()) {
        arms.put(arm.id(), redis.hgetall(keys.arm(d.key(), arm.id())));
      }
      changed.add(d);
      revisions.add(revision);
      pending.add(arms);
    }
    for (int i = 0; i < changed.size(); i++) {
      Map<String, Map<String, Double>> armFields = new HashMap<>();
      Optional<UnreadableBandit> problem = Optional.empty();
      for (var e : pending.get(i).entrySet()) {
        Map<String, String> raw = calls.await(e.getValue());
        Map<String, Double> fields = new HashMap<>();
        for (var field : raw.entrySet()) {
          Optional<Double> value = finiteNumber(field.getValue());
          if (value.isEmpty() && problem.isEmpty()) {
            problem =
                Optional.of(
                    new UnreadableBandit(
                        changed.get(i).key(),
                        "arm '"
                            + e.getKey()
                            + "' field '"
                            + field.getKey()
                            + "' is not a finite number"));
          }
          value.ifPresent(v -> fields.put(field.getKey(), v));
        }
        if (!fields.isEmpty()) {
          armFields.put(e.getKey(), fields);
        }
      }
      if (problem.isPresent()) {
        onUnreadable.accept(problem.get());
      } else {
        out.add(new StoredBandit(changed.get(i), armFields, revisions.get(i)));
      }
    }
    return out;
  }

  private static Optional<Double> finiteNumber(String text) {
    try {
      double value = Double.parseDouble(text);
      return Double.isFinite(value) ? Optional.of(value) : Optional.empty();
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  @Override
  public boolean[] applyRewards(
      String banditKey, List<RewardWrite> writes, long halfLifeMillis, long nowMillis) {
    monitor.checkWritable();
    boolean[] applied = rewards.apply(banditKey, writes, halfLifeMillis, nowMillis);
    replicated(keys.definition(banditKey));
    return applied;
  }

  @Override
  public void appendSticky(
      String banditKey, StickyAssignment a, long nowMillis, long stickyDurationMillis) {
    sticky.append(banditKey, a, nowMillis, stickyDurationMillis);
  }

  @Override
  public StickyPage readSticky(String banditKey, String cursor, int limit) {
    return sticky.read(banditKey, cursor, limit);
  }

  @Override
  public void reset(String key) {
    BanditDefinition d =
        find(key).orElseThrow(() -> new NotFoundException("bandit '" + key + "' not found"));
    List<String> resetKeys = new ArrayList<>();
    resetKeys.add(keys.definition(key));
    d.arms().forEach(a -> resetKeys.add(keys.arm(key, a.id())));
    monitor.checkWritable();
    if (calls.runForInteger(RedisScripts.RESET, resetKeys.toArray(String[]::new)) < 0) {
      throw new UnreadableBanditException(
          new UnreadableBandit(key, "statistics revision is not an integer"));
    }
    replicated(keys.definition(key));
  }

  @Override
  public long restore(List<StoredBandit> held) {
    long written = 0;
    for (StoredBandit b : held) {
      String key = b.definition().key();
      List<String> keyArgs = new ArrayList<>();
      List<String> args = new ArrayList<>();
      keyArgs.add(keys.definition(key));
      args.add(DefinitionCodec.encode(b.definition()));
      args.add(Long.toString(b.definition().version()));
      args.add(Long.toString(b.revision()));
      b.armFields()
          .forEach(
              (arm, fields) -> {
                keyArgs.add(keys.arm(key, arm));
                args.add(Integer.toString(fields.size()));
                fields.forEach(
                    (field, value) -> {
                      args.add(field);
                      args.add(Double.toString(value));
                    });
              });
      written +=
          calls.runForInteger(
              RedisScripts.RESTORE, keyArgs.toArray(String[]::new), args.toArray(String[]::new));
      calls.await(redis.zadd(keys.index(), 0, key));
    }
    return written;
  }

  @Override
  public List<String> readLog(String key, int limit) {
    if (find(key).isEmpty()) {
      throw new NotFoundException("bandit '" + key + "' not found");
    }
    return calls.await(redis.lrange(keys.log(key), -limit, -1));
  }

  /** Closes this store's monitor and connection; the shared client stays open. */
  @Override
  public void close() {
    monitor.close();
    connection.close();
  }
}
