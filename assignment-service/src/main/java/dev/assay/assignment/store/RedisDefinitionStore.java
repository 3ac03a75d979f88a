package dev.assay.assignment.store;

import static dev.assay.assignment.store.RedisWire.bytes;
import static dev.assay.assignment.store.RedisWire.call;

import dev.assay.assignment.definitions.Definition;
import dev.assay.runtime.errors.AbortedException;
import dev.assay.runtime.errors.AlreadyExistsException;
import dev.assay.runtime.errors.NotFoundException;
import dev.assay.runtime.redis.RedisConnection;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * One kind of definition in Redis: a hash per definition ({@code def} and {@code version}, see
 * {@link RedisKeys}), written by scripts that check the version and announce the change atomically.
 */
final class RedisDefinitionStore<T extends Definition<T>> implements DefinitionStore<T> {
  /** How one kind of definition is named, keyed and encoded. */
  record Kind<T>(
      String noun,
      Change.Kind change,
      Function<String, String> redisKey,
      String redisPattern,
      Function<T, byte[]> encode,
      Function<byte[], T> decode) {}

  private final RedisConnection<String, byte[]> connection;
  private final RedisClusterCommands<String, byte[]> redis;
  private final String channel;
  private final Kind<T> kind;
  private final WriteFence fence;

  RedisDefinitionStore(
      RedisConnection<String, byte[]> connection, String channel, Kind<T> kind, WriteFence fence) {
    this.connection = connection;
    this.redis = connection.sync();
    this.channel = channel;
    this.kind = kind;
    this.fence = fence;
  }

  @Override
  public void create(T definition) {
    if (fencedWrite(RedisScripts.CREATE, definition) == 0L) {
      throw new AlreadyExistsException(kind.noun() + " " + definition.key() + " already exists");
    }
  }

  @Override
  public void replace(T definition, long expectedVersion) {
    long outcome =
        fencedWrite(RedisScripts.REPLACE, definition, bytes(Long.toString(expectedVersion)));
    if (outcome == -1L) {
      throw new NotFoundException(kind.noun() + " " + definition.key() + " not found");
    }
    if (outcome == -2L) {
      throw new AbortedException(
          kind.noun()
              + " "
              + definition.key()
              + " was changed concurrently (expected version "
              + expectedVersion
              + "); read it again and retry");
    }
  }

  @Override
  public Optional<T> find(String key) {
    return call(
        () ->
            Optional.ofNullable(redis.hget(kind.redisKey().apply(key), "def")).map(kind.decode()));
  }

  @Override
  public List<T> loadAll() {
    return call(
        () -> {
          List<T> result = new ArrayList<>();
          for (String key : connection.keys(kind.redisPattern())) {
            byte[] def = redis.hget(key, "def");
            if (def != null) {
              result.add(kind.decode().apply(def));
            }
          }
          return result;
        });
  }

  /**
   * Writes {@code definition} back after the store lost it, unless the store holds the same or a
   * newer version; returns whether it wrote. Not fenced: it is the restore itself.
   */
  boolean restore(T definition) {
    return write(RedisScripts.RESTORE, definition) == 1L;
  }

  /** A client's write: refused while the store is restored, acknowledged once replicated. */
  private long fencedWrite(String script, T definition, byte[]... more) {
    fence.beforeWrite();
    long outcome = write(script, definition, more);
    if (outcome == 1L) {
      fence.afterWrite(kind.redisKey().apply(definition.key()));
    }
    return outcome;
  }

  /**
   * Runs a write script (see {@link RedisScripts}) with the arguments every definition write takes:
   * bytes, version, channel, message, then {@code more}.
   */
  private long write(String script, T definition, byte[]... more) {
    List<byte[]> args = new ArrayList<>();
    args.add(kind.encode().apply(definition));
    args.add(bytes(Long.toString(definition.version())));
    args.add(bytes(channel));
    args.add(RedisWire.message(Change.ofDefinition(kind.change(), definition.key())));
    args.addAll(List.of(more));
    Long outcome =
        call(
            () ->
                redis.eval(
                    script,
                    ScriptOutputType.INTEGER,
                    new String[] {kind.redisKey().apply(definition.key())},
                    args.toArray(byte[][]::new)));
    return outcome;
  }
}
