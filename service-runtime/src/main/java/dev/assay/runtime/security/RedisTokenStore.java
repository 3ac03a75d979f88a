package dev.assay.runtime.security;

import static dev.assay.runtime.redis.RedisConnection.orUnavailable;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.assay.runtime.log.EventLog;
import dev.assay.runtime.redis.RedisConnection;
import dev.assay.runtime.redis.SharedRedisClient;
import io.lettuce.core.ScriptOutputType;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * API tokens in one Redis hash, {@code <prefix>:{tokens}:all} (id → token JSON), with a revision
 * counter beside it in the same slot; every change is one script, so a token and its revision move
 * together. Services on the same Redis and key prefix share these tokens.
 */
public final class RedisTokenStore implements TokenStore {
  private static final String CREATE =
      """
      if redis.call('HSETNX', KEYS[1], ARGV[1], ARGV[2]) == 0 then return 0 end
      redis.call('INCR', KEYS[2])
      return 1
      """;
  private static final String REPLACE =
      """
      if redis.call('HEXISTS', KEYS[1], ARGV[1]) == 0 then return 0 end
      redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
      redis.call('INCR', KEYS[2])
      return 1
      """;
  // Only when both keys are gone (Redis restarted empty, FLUSHALL): never over newer state.
  private static final String RESTORE =
      """
      if redis.call('EXISTS', KEYS[1]) == 1 or redis.call('EXISTS', KEYS[2]) == 1 then return 0 end
      for i = 1, #ARGV, 2 do redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1]) end
      redis.call('INCR', KEYS[2])
      return 1
      """;

  private final RedisConnection<String, String> connection;
  private final String tokensKey;
  private final String revisionKey;

  /** Borrows a connection from the process's Redis client. */
  public RedisTokenStore(SharedRedisClient client) {
    this.connection = client.connect();
    String base = client.settings().keyPrefix() + ":{tokens}:";
    this.tokensKey = base + "all";
    this.revisionKey = base + "revision";
  }

  @Override
  public long revision() {
    String value = orUnavailable(() -> connection.sync().get(revisionKey));
    return value == null ? 0 : Long.parseLong(value);
  }

  @Override
  public Map<String, StoredToken> loadAll() {
    Map<String, String> raw = orUnavailable(() -> connection.sync().hgetall(tokensKey));
    Map<String, StoredToken> tokens = new HashMap<>();
    raw.forEach(
        (id, json) -> {
          try {
            tokens.put(id, TokenJson.read(TokenJson.MAPPER.readTree(json), Instant.EPOCH, false));
          } catch (JsonProcessingException | IllegalArgumentException e) {
            // One unreadable entry must not lock everyone out; it is skipped (and so denied).
            EventLog.error("tokens.unreadable", "id", id, "error", String.valueOf(e.getMessage()));
          }
        });
    return tokens;
  }

  @Override
  public boolean create(StoredToken token) {
    Long created =
        orUnavailable(
            () ->
                connection
                    .sync()
                    .eval(
                        CREATE,
                        ScriptOutputType.INTEGER,
                        new String[] {tokensKey, revisionKey},
                        token.id(),
                        TokenJson.write(token)));
    connection.awaitReplication(tokensKey);
    return created != null && created == 1;
  }

  @Override
  public Optional<StoredToken> revoke(String id, Instant time) {
    String json = orUnavailable(() -> connection.sync().hget(tokensKey, id));
    if (json == null) {
      return Optional.empty();
    }
    StoredToken token;
    try {
      token = TokenJson.read(TokenJson.MAPPER.readTree(json), Instant.EPOCH, false);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("unreadable token " + id, e);
    }
    if (token.revokeTime() != null) {
      return Optional.of(token);
    }
    StoredToken revoked = token.revokedAt(time);
    Long replaced =
        orUnavailable(
            () ->
                connection
                    .sync()
                    .eval(
                        REPLACE,
                        ScriptOutputType.INTEGER,
                        new String[] {tokensKey, revisionKey},
                        id,
                        TokenJson.write(revoked)));
    connection.awaitReplication(tokensKey);
    return replaced != null && replaced == 1 ? Optional.of(revoked) : Optional.empty();
  }

  @Override
  public void restoreIfLost(Map<String, StoredToken> tokens) {
    if (tokens.isEmpty()) {
      return;
    }
    String[] fields = new String[tokens.size() * 2];
    int i = 0;
    for (StoredToken token : tokens.values()) {
      fields[i++] = token.id();
      fields[i++] = TokenJson.write(token);
    }
    Long restored =
        orUnavailable(
            () ->
                connection
                    .sync()
                    .eval(
                        RESTORE,
                        ScriptOutputType.INTEGER,
                        new String[] {tokensKey, revisionKey},
                        fields));
    if (restored != null && restored == 1) {
      EventLog.warn("tokens.restored", "tokens", tokens.size());
    }
  }

  @Override
  public void close() {
    connection.close();
  }
}
