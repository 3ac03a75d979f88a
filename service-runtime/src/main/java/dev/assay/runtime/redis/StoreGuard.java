package dev.assay.runtime.redis;

import io.lettuce.core.KeyValue;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The few keys that tell a replica whether the store it follows is still the one it loaded: an
 * <em>epoch</em> written once when the store is first initialised (so "empty because new" and
 * "empty because lost" differ), a <em>revision</em> counter every write increments (so a replica
 * can tell whether it missed anything, and a store that went back in time shows a smaller number),
 * and the lock that elects the one replica restoring a lost store. All share one hash tag, so they
 * live in one cluster slot.
 *
 * <pre>
 * {base}:epoch          string: random id of this store's life
 * {base}:revision       integer: incremented after every write
 * {base}:restore-lock   string: owner id, with a TTL
 * {base}:restore-id     string: random id written by each restore
 * </pre>
 */
public final class StoreGuard {
  /**
   * What the store says now.
   *
   * @param epoch the store's epoch, null if it has none (new or lost)
   * @param revision the write counter
   * @param restoreId a fresh id written by each restore, null if never restored: a load that began
   *     before a restore and ended after it sees a different one
   */
  public record Observation(@Nullable String epoch, long revision, @Nullable String restoreId) {}

  /**
   * KEYS epoch, revision, restore id. ARGV epoch, minimum revision, restore id. Puts the markers
   * back after a restore.
   */
  private static final String MARK_RESTORED =
      """
      redis.call('SET', KEYS[1], ARGV[1], 'NX')
      local current = tonumber(redis.call('GET', KEYS[2]) or '0')
      if current < tonumber(ARGV[2]) then redis.call('SET', KEYS[2], ARGV[2]) end
      redis.call('SET', KEYS[3], ARGV[3])
      return redis.call('GET', KEYS[1])
      """;

  /** KEYS lock. ARGV owner. Releases the lock only if this owner still holds it. */
  private static final String UNLOCK =
      """
      if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
      return 0
      """;

  private final RedisConnection<String, String> redis;
  private final String epochKey;
  private final String revisionKey;
  private final String lockKey;
  private final String restoreIdKey;

  /**
   * Guards the store whose marker keys start with {@code base}, which must carry a hash tag (for
   * example {@code assay:assignment:{meta}}).
   */
  public StoreGuard(RedisConnection<String, String> redis, String base) {
    this.redis = redis;
    this.epochKey = base + ":epoch";
    this.revisionKey = base + ":revision";
    this.lockKey = base + ":restore-lock";
    this.restoreIdKey = base + ":restore-id";
  }

  /**
   * Writes an epoch if the store has none (a new store, or one a replica starting with nothing
   * cannot tell from new), and returns the store's epoch.
   */
  public String establish() {
    redis.sync().set(epochKey, UUID.randomUUID().toString(), SetArgs.Builder.nx());
    String epoch = redis.sync().get(epochKey);
    if (epoch == null) {
      throw new IllegalStateException("epoch vanished right after it was written");
    }
    return epoch;
  }

  /** Reads the epoch, revision and restore id in one round trip. */
  public Observation observe() {
    List<KeyValue<String, String>> values = redis.sync().mget(epochKey, revisionKey, restoreIdKey);
    String epoch = values.get(0).getValueOrElse(null);
    String revision = values.get(1).getValueOrElse(null);
    return new Observation(
        epoch, revision == null ? 0 : Long.parseLong(revision), values.get(2).getValueOrElse(null));
  }

  /** Records that a write happened; call after each write, before acknowledging it. */
  public void bumpRevision() {
    redis.sync().incr(revisionKey);
  }

  /** Takes the restore lock for {@code ttl} if nobody holds it. */
  public boolean tryLock(String owner, Duration ttl) {
    return "OK".equals(redis.sync().set(lockKey, owner, SetArgs.Builder.nx().px(ttl.toMillis())));
  }

  /** Releases the restore lock if {@code owner} holds it. */
  public void unlock(String owner) {
    redis.sync().eval(UNLOCK, ScriptOutputType.INTEGER, new String[] {lockKey}, owner);
  }

  /**
   * After a restore: puts {@code epoch} back unless another is there already, raises the revision
   * to at least {@code minRevision} (so every replica sees a change and resyncs), and returns the
   * store's epoch.
   */
  public String markRestored(String epoch, long minRevision) {
    return redis
        .sync()
        .eval(
            MARK_RESTORED,
            ScriptOutputType.VALUE,
            new String[] {epochKey, revisionKey, restoreIdKey},
            epoch,
            Long.toString(minRevision),
            UUID.randomUUID().toString());
  }
}
