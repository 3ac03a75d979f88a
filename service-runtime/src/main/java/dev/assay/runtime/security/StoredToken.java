package dev.assay.runtime.security;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A token as stored: everything but the secret, whose SHA-256 stands in for it.
 *
 * @param id the public id
 * @param sha256Hex the SHA-256 of the whole bearer value, lowercase hex
 * @param displayName what it is for
 * @param scopes the scopes granted (not expanded)
 * @param projects key prefixes it may touch; empty means every key
 * @param createTime when it was created
 * @param expireTime when it stops working; null means never
 * @param revokeTime when it was revoked; null while it is not
 * @param createdBy the actor who created it
 * @param fromFile whether it comes from the tokens file (and so cannot be revoked through the API)
 */
public record StoredToken(
    String id,
    String sha256Hex,
    String displayName,
    Set<Scope> scopes,
    List<String> projects,
    Instant createTime,
    @Nullable Instant expireTime,
    @Nullable Instant revokeTime,
    String createdBy,
    boolean fromFile) {
  public StoredToken {
    scopes = Set.copyOf(scopes);
    projects = List.copyOf(projects);
  }

  /** Whether the token works at {@code now}: not revoked, not expired. */
  public boolean isActiveAt(Instant now) {
    return revokeTime == null && (expireTime == null || now.isBefore(expireTime));
  }

  /** The same token, revoked at {@code time}. */
  public StoredToken revokedAt(Instant time) {
    return new StoredToken(
        id,
        sha256Hex,
        displayName,
        scopes,
        projects,
        createTime,
        expireTime,
        time,
        createdBy,
        fromFile);
  }

  /** The caller this token authenticates. */
  public Caller caller() {
    return new Caller("token:" + id, Scope.expand(scopes), projects);
  }

  @Override
  public String toString() {
    return "StoredToken[id=" + id + ", scopes=" + scopes + ", projects=" + projects + "]";
  }
}
