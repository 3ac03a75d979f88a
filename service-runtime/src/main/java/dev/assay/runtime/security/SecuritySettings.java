package dev.assay.runtime.security;

import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * How callers are authenticated.
 *
 * @param authRequired whether every call must present a bearer token ({@code --auth=tokens})
 * @param tokensFile the tokens file ({@code --tokens-file}), or null
 * @param jwt how identity-provider JWTs are accepted, or null for Assay tokens only
 */
public record SecuritySettings(
    boolean authRequired, @Nullable Path tokensFile, @Nullable JwtSettings jwt) {
  /** Authentication off: the embedded development default. */
  public static final SecuritySettings OFF = new SecuritySettings(false, null, null);

  /** Assay tokens only. */
  public SecuritySettings(boolean authRequired, @Nullable Path tokensFile) {
    this(authRequired, tokensFile, null);
  }
}
