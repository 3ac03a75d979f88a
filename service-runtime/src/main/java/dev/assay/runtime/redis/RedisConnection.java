package dev.assay.runtime.redis;

import dev.assay.runtime.errors.UnavailableException;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanIterator;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.SlotHash;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode;
import io.lettuce.core.codec.RedisCodec;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * A command connection to a single Redis or to a cluster, behind the command interfaces both share
 * ({@link RedisClusterCommands}, {@link RedisClusterAsyncCommands}), so a store is written once for
 * both. On a cluster, each command goes to the node owning its key's slot; a script's keys must
 * share one slot (Assay's keys carry hash tags for that).
 *
 * @param <K> key type
 * @param <V> value type
 */
public final class RedisConnection<K, V> implements AutoCloseable {
  private static final int SCAN_BATCH = 500;

  private final StatefulConnection<K, V> connection;
  private final RedisClusterCommands<K, V> sync;
  private final RedisClusterAsyncCommands<K, V> async;
  private final @Nullable StatefulRedisClusterConnection<K, V> cluster;
  private final @Nullable RedisCodec<K, V> codec;
  private final RedisSettings settings;

  private RedisConnection(
      StatefulConnection<K, V> connection,
      RedisClusterCommands<K, V> sync,
      RedisClusterAsyncCommands<K, V> async,
      @Nullable StatefulRedisClusterConnection<K, V> cluster,
      @Nullable RedisCodec<K, V> codec,
      RedisSettings settings) {
    this.connection = connection;
    this.sync = sync;
    this.async = async;
    this.cluster = cluster;
    this.codec = codec;
    this.settings = settings;
  }

  static <K, V> RedisConnection<K, V> ofSingle(
      StatefulRedisConnection<K, V> connection, RedisSettings settings) {
    return new RedisConnection<>(
        connection, connection.sync(), connection.async(), null, null, settings);
  }

  static <K, V> RedisConnection<K, V> ofCluster(
      StatefulRedisClusterConnection<K, V> connection,
      RedisCodec<K, V> codec,
      RedisSettings settings) {
    return new RedisConnection<>(
        connection, connection.sync(), connection.async(), connection, codec, settings);
  }

  /** Blocking commands (bounded by the command timeout). */
  public RedisClusterCommands<K, V> sync() {
    return sync;
  }

  /** Pipelined commands. */
  public RedisClusterAsyncCommands<K, V> async() {
    return async;
  }

  /**
   * Whether this is a Redis Cluster connection. On a single Redis (or Sentinel's primary) a script
   * may read keys of different hash tags, which lets a store fold many small reads into one call.
   */
  public boolean isCluster() {
    return cluster != null;
  }

  /** Whether the connection is up now. */
  public boolean isOpen() {
    return connection.isOpen();
  }

  /**
   * Runs one command, turning a Redis failure into {@link UnavailableException} ({@code
   * UNAVAILABLE}, safe to retry) for the caller.
   */
  public static <T> T orUnavailable(Supplier<T> command) {
    try {
      return command.get();
    } catch (RedisException e) {
      throw new UnavailableException("redis unavailable", e);
    }
  }

  /**
   * Waits until the configured number of replicas hold every write this connection made to the node
   * owning {@code key} ({@code WAIT}); returns at once when no wait is configured. Call it after
   * the write and before acknowledging it, so an acknowledged write survives a failover.
   *
   * @throws UnavailableException if fewer replicas confirmed in time: the write is on the primary
   *     but may be lost if it fails now; retrying is safe for idempotent writes
   */
  public void awaitReplication(K key) {
    int replicas = settings.waitReplicas();
    if (replicas == 0) {
      return;
    }
    long timeoutMillis = settings.waitTimeout().toMillis();
    long confirmed;
    try {
      confirmed =
          cluster == null
              ? sync.waitForReplication(replicas, timeoutMillis)
              : nodeOwning(cluster, key).sync().waitForReplication(replicas, timeoutMillis);
    } catch (RedisException e) {
      throw new UnavailableException("redis unavailable", e);
    }
    if (confirmed < replicas) {
      throw new UnavailableException(
          "the write reached "
              + confirmed
              + " of "
              + replicas
              + " Redis replicas in time; it may be lost on failover, retry");
    }
  }

  /**
   * The write connection the cluster client routes {@code key}'s slot through: WAIT counts the
   * writes of the connection it runs on, so it must be that very connection.
   */
  private StatefulRedisConnection<K, V> nodeOwning(
      StatefulRedisClusterConnection<K, V> cluster, K key) {
    if (codec == null) {
      throw new IllegalStateException("cluster connection without codec");
    }
    int slot = SlotHash.getSlot(codec.encodeKey(key));
    RedisClusterNode primary = cluster.getPartitions().getMasterBySlot(slot);
    if (primary == null) {
      throw new UnavailableException("no Redis primary owns slot " + slot + " now");
    }
    RedisURI uri = primary.getUri();
    return cluster.getConnection(uri.getHost(), uri.getPort());
  }

  /**
   * Every key matching {@code pattern} (a SCAN glob), in no particular order. On a cluster it scans
   * each primary that serves slots now, skipping failed ones: Lettuce's own cluster-wide SCAN also
   * visits a failed primary still listed in the topology, and then fails until it is forgotten.
   */
  public List<K> keys(String pattern) {
    List<K> found = new ArrayList<>();
    if (cluster == null) {
      ScanIterator.scan(sync, ScanArgs.Builder.matches(pattern).limit(SCAN_BATCH))
          .forEachRemaining(found::add);
      return found;
    }
    for (RedisClusterNode node : cluster.getPartitions()) {
      if (node.is(RedisClusterNode.NodeFlag.UPSTREAM)
          && !node.is(RedisClusterNode.NodeFlag.FAIL)
          && !node.getSlots().isEmpty()) {
        RedisURI uri = node.getUri();
        ScanIterator.scan(
                cluster.getConnection(uri.getHost(), uri.getPort()).sync(),
                ScanArgs.Builder.matches(pattern).limit(SCAN_BATCH))
            .forEachRemaining(found::add);
      }
    }
    return found;
  }

  @Override
  public void close() {
    connection.close();
  }
}
