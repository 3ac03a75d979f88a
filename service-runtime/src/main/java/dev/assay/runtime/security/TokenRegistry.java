package dev.assay.runtime.security;

import dev.assay.runtime.errors.FailedPreconditionException;
import dev.assay.runtime.errors.NotFoundException;
import dev.assay.runtime.errors.PermissionDeniedException;
import dev.assay.runtime.errors.UnavailableException;
import dev.assay.runtime.log.EventLog;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Every token this service accepts, held in memory so authenticating never waits on Redis: API
 * tokens copied from the {@link TokenStore} (re-read whenever its revision changes, checked by
 * {@link #refresh} about every second) and tokens from the tokens file (re-read when it changes).
 * When the store is unreachable the last copy keeps serving.
 */
public final class TokenRegistry {
  /** Compared against when the id is unknown, so both failures cost the same. */
  private static final String NO_TOKEN_HASH = BearerToken.sha256Hex("no such token");

  private final TokenStore store;
  private final @Nullable TokensFile file;
  private final Clock clock;
  private final SecureRandom random;

  private volatile Map<String, StoredToken> apiTokens = Map.of();
  private volatile Map<String, StoredToken> fileTokens = Map.of();
  private long storeRevision = -1;
  private @Nullable Instant fileModified;
  private boolean storeReachable = true;

  public TokenRegistry(
      TokenStore store, @Nullable TokensFile file, Clock clock, SecureRandom random) {
    this.store = store;
    this.file = file;
    this.clock = clock;
    this.random = random;
  }

  /**
   * The caller {@code bearer} authenticates.
   *
   * @throws UnauthenticatedException if it is not a token this service knows, or is revoked or
   *     expired (the same text for a wrong secret and an unknown id)
   */
  Caller authenticate(String bearer) throws UnauthenticatedException {
    Optional<BearerToken> parsed = BearerToken.parse(bearer);
    StoredToken token = parsed.map(t -> find(t.id())).orElse(null);
    String stored = token == null ? NO_TOKEN_HASH : token.sha256Hex();
    boolean matches =
        MessageDigest.isEqual(
            stored.getBytes(StandardCharsets.US_ASCII),
            BearerToken.sha256Hex(bearer).getBytes(StandardCharsets.US_ASCII));
    if (token == null || !matches) {
      throw new UnauthenticatedException("invalid bearer token");
    }
    Instant now = clock.instant();
    if (token.revokeTime() != null) {
      throw new UnauthenticatedException("token " + token.id() + " was revoked");
    }
    if (!token.isActiveAt(now)) {
      throw new UnauthenticatedException("token " + token.id() + " expired");
    }
    return token.caller();
  }

  private @Nullable StoredToken find(String id) {
    StoredToken fromFile = fileTokens.get(id);
    return fromFile != null ? fromFile : apiTokens.get(id);
  }

  /**
   * Creates a token no more powerful than its creator: every scope held by {@code creator}, every
   * project within the creator's.
   *
   * @return the stored token and the bearer value, shown once
   */
  public Created create(
      Caller creator,
      String displayName,
      Set<Scope> scopes,
      List<String> projects,
      @Nullable Instant expireTime) {
    for (Scope scope : Scope.expand(scopes)) {
      if (!creator.holds(scope)) {
        throw new PermissionDeniedException(
            "scopes: a token cannot grant " + scope.wireName() + ", which it does not hold");
      }
    }
    if (!creator.covers(projects)) {
      throw new PermissionDeniedException(
          "projects: a token cannot grant keys outside its own projects " + creator.projects());
    }
    BearerToken bearer = BearerToken.generate(random);
    StoredToken token =
        new StoredToken(
            bearer.id(),
            bearer.sha256Hex(),
            displayName,
            scopes,
            projects,
            clock.instant(),
            expireTime,
            null,
            creator.actor(),
            false);
    if (!store.create(token)) {
      throw new UnavailableException("token id collision, retry");
    }
    refresh();
    return new Created(token, bearer.value());
  }

  /** A new token and its bearer value. */
  public record Created(StoredToken token, String bearer) {
    @Override
    public String toString() {
      return "Created[" + token + "]";
    }
  }

  /**
   * Revokes an API token. A caller limited to projects may revoke only tokens within them; others
   * are reported as absent, so their existence does not leak.
   */
  public StoredToken revoke(Caller revoker, String id) {
    StoredToken known = find(id);
    if (known != null && known.fromFile()) {
      if (!revoker.covers(known.projects())) {
        throw new NotFoundException("token " + id + " not found");
      }
      throw new FailedPreconditionException(
          "token " + id + " comes from the tokens file: remove it there");
    }
    if (known != null && !revoker.covers(known.projects())) {
      throw new NotFoundException("token " + id + " not found");
    }
    StoredToken revoked =
        store
            .revoke(id, clock.instant())
            .filter(t -> revoker.covers(t.projects()))
            .orElseThrow(() -> new NotFoundException("token " + id + " not found"));
    refresh();
    return revoked;
  }

  /** The token with this id, if {@code viewer} may see it (it is within the viewer's projects). */
  public Optional<StoredToken> find(Caller viewer, String id) {
    return Optional.ofNullable(find(id)).filter(t -> viewer.covers(t.projects()));
  }

  /** Every token {@code viewer} may see (within its projects), newest first. */
  public List<StoredToken> list(Caller viewer, boolean includeInactive) {
    Instant now = clock.instant();
    List<StoredToken> all = new ArrayList<>(fileTokens.values());
    all.addAll(apiTokens.values());
    all.removeIf(t -> !viewer.covers(t.projects()) || (!includeInactive && !t.isActiveAt(now)));
    all.sort(
        Comparator.comparing(StoredToken::createTime).reversed().thenComparing(StoredToken::id));
    return all;
  }

  /**
   * Re-reads what changed: the store when its revision moved (writing this copy back if the store
   * lost everything), the file when it was modified. Failures keep the last copy and are logged
   * once per outage.
   */
  public synchronized void refresh() {
    refreshStore();
    refreshFile();
  }

  private void refreshStore() {
    try {
      long revision = store.revision();
      if (revision == 0 && !apiTokens.isEmpty()) {
        store.restoreIfLost(apiTokens);
        revision = store.revision();
      }
      if (revision != storeRevision) {
        apiTokens = Map.copyOf(store.loadAll());
        storeRevision = revision;
      }
      if (!storeReachable) {
        EventLog.info("tokens.store_reachable");
        storeReachable = true;
      }
    } catch (UnavailableException e) {
      if (storeReachable) {
        EventLog.warn(
            "tokens.store_unreachable", "serving", "last copy", "tokens", apiTokens.size());
        storeReachable = false;
      }
    }
  }

  private void refreshFile() {
    if (file == null) {
      return;
    }
    try {
      Instant modified = file.modifiedTime();
      if (modified.equals(fileModified)) {
        return;
      }
      Map<String, StoredToken> read = file.read();
      fileTokens = Map.copyOf(read);
      fileModified = modified;
      EventLog.info("tokens.file_loaded", "path", file.path(), "tokens", read.size());
    } catch (IOException | IllegalArgumentException e) {
      EventLog.error(
          "tokens.file_rejected",
          "path",
          file.path(),
          "error",
          String.valueOf(e.getMessage()),
          "serving",
          "previous tokens");
      try {
        fileModified = file.modifiedTime();
      } catch (IOException unreadable) {
        fileModified = null;
      }
    }
  }

  /** How many tokens of each kind are loaded (for the start-up log). */
  public Map<String, Integer> counts() {
    Map<String, Integer> counts = new HashMap<>();
    counts.put("api", apiTokens.size());
    counts.put("file", fileTokens.size());
    return counts;
  }
}
