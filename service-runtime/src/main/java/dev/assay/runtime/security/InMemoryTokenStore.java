package dev.assay.runtime.security;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** The embedded default: tokens in this process only, lost on exit. */
public final class InMemoryTokenStore implements TokenStore {
  private final Map<String, StoredToken> tokens = new HashMap<>();
  private long revision;

  @Override
  public synchronized long revision() {
    return revision;
  }

  @Override
  public synchronized Map<String, StoredToken> loadAll() {
    return Map.copyOf(tokens);
  }

  @Override
  public synchronized boolean create(StoredToken token) {
    if (tokens.putIfAbsent(token.id(), token) != null) {
      return false;
    }
    revision++;
    return true;
  }

  @Override
  public synchronized Optional<StoredToken> revoke(String id, Instant time) {
    StoredToken token = tokens.get(id);
    if (token == null) {
      return Optional.empty();
    }
    if (token.revokeTime() == null) {
      token = token.revokedAt(time);
      tokens.put(id, token);
      revision++;
    }
    return Optional.of(token);
  }

  @Override
  public void restoreIfLost(Map<String, StoredToken> tokens) {
    // Memory is never lost while the process lives.
  }

  @Override
  public void close() {}
}
