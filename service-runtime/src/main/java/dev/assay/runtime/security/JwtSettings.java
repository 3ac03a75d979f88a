package dev.assay.runtime.security;

import java.time.Duration;
import java.util.List;

/**
 * How JWTs from an identity provider are accepted beside Assay's own tokens.
 *
 * @param jwks a JWKS file path or an {@code https://} URL (fetched and cached, refreshed ahead of
 *     expiry)
 * @param issuer the required {@code iss}
 * @param audiences accepted {@code aud} values (the token must name one); empty accepts any
 * @param scopesClaim the claim holding Assay scope names (space-separated string or array)
 * @param projectsClaim the claim holding key prefixes (array or space-separated); absent means
 *     every key
 * @param clockSkew leeway for {@code exp} and {@code nbf}
 */
public record JwtSettings(
    String jwks,
    String issuer,
    List<String> audiences,
    String scopesClaim,
    String projectsClaim,
    Duration clockSkew) {
  public JwtSettings {
    audiences = List.copyOf(audiences);
  }

  /** Whether the JWKS comes from a URL rather than a file. */
  public boolean isUrl() {
    return jwks.startsWith("https://") || jwks.startsWith("http://");
  }
}
