package dev.assay.runtime.security;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Where API tokens live: Redis when configured (shared by every service on the same Redis and key
 * prefix), else memory. Only {@link TokenRegistry} reads it, off the request path.
 */
public interface TokenStore extends AutoCloseable {
  /** A number that changes whenever a token is created or revoked (cheap to poll). */
  long revision();

  /** Every API token by id. */
  Map<String, StoredToken> loadAll();

  /** Stores a new token; false if its id is taken (ids are random: practically never). */
  boolean create(StoredToken token);

  /** Marks a token revoked at {@code time}; empty if there is no such token. */
  Optional<StoredToken> revoke(String id, Instant time);

  /**
   * Writes {@code tokens} back when the store has lost everything (a Redis restarted empty), so
   * revocations and tokens survive; does nothing when the store still holds its state.
   */
  void restoreIfLost(Map<String, StoredToken> tokens);

  @Override
  void close();
}
