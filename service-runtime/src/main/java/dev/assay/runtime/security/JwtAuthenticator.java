package dev.assay.runtime.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Date;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Accepts signed JWTs from an identity provider, verified by Nimbus JOSE+JWT against the provider's
 * JWKS: asymmetric signatures only (RS*, PS*, ES*; never {@code none} or HMAC, which a public key
 * set would let anyone forge), the configured issuer and audience, {@code exp} required. The scopes
 * claim names Assay scopes (unknown names are ignored, so a provider's own scopes do no harm); the
 * actor is {@code jwt:<sub>}.
 */
public final class JwtAuthenticator {
  private static final Set<JWSAlgorithm> ALGORITHMS =
      Set.of(
          JWSAlgorithm.RS256,
          JWSAlgorithm.RS384,
          JWSAlgorithm.RS512,
          JWSAlgorithm.PS256,
          JWSAlgorithm.PS384,
          JWSAlgorithm.PS512,
          JWSAlgorithm.ES256,
          JWSAlgorithm.ES384,
          JWSAlgorithm.ES512);

  private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
  private final JwtSettings settings;

  /**
   * Loads the key set (a file now; a URL on first use, then cached).
   *
   * @throws IllegalArgumentException if the file cannot be read or the URL is malformed
   */
  public JwtAuthenticator(JwtSettings settings, Clock clock) {
    this.settings = settings;
    processor.setJWSKeySelector(new JWSVerificationKeySelector<>(ALGORITHMS, source(settings)));
    DefaultJWTClaimsVerifier<SecurityContext> claims =
        new DefaultJWTClaimsVerifier<>(
            settings.audiences().isEmpty() ? null : new HashSet<>(settings.audiences()),
            new JWTClaimsSet.Builder().issuer(settings.issuer()).build(),
            Set.of("sub", "exp"),
            null) {
          @Override
          protected Date currentTime() {
            return Date.from(clock.instant());
          }
        };
    claims.setMaxClockSkew((int) settings.clockSkew().toSeconds());
    processor.setJWTClaimsSetVerifier(claims);
  }

  private static JWKSource<SecurityContext> source(JwtSettings settings) {
    if (settings.isUrl()) {
      try {
        return JWKSourceBuilder.create(URI.create(settings.jwks()).toURL()).retrying(true).build();
      } catch (MalformedURLException | IllegalArgumentException e) {
        throw new IllegalArgumentException("not a URL: " + settings.jwks(), e);
      }
    }
    try {
      return new ImmutableJWKSet<>(JWKSet.load(Path.of(settings.jwks()).toFile()));
    } catch (IOException | ParseException e) {
      throw new IllegalArgumentException("cannot read a JWK set from " + settings.jwks(), e);
    }
  }

  /** Whether {@code credential} has the shape of a JWT (three dot-separated parts). */
  static boolean looksLikeJwt(String credential) {
    int first = credential.indexOf('.');
    int second = first < 0 ? -1 : credential.indexOf('.', first + 1);
    return first > 0 && second > first && credential.indexOf('.', second + 1) < 0;
  }

  /**
   * The caller a JWT identifies.
   *
   * @throws UnauthenticatedException if it does not verify (the reason is logged, not returned)
   */
  Caller authenticate(String jwt) throws UnauthenticatedException {
    JWTClaimsSet claims;
    try {
      claims = processor.process(jwt, null);
    } catch (ParseException | BadJOSEException | JOSEException e) {
      throw new UnauthenticatedException("invalid bearer token");
    }
    Set<Scope> scopes = EnumSet.noneOf(Scope.class);
    for (String name : values(claims.getClaim(settings.scopesClaim()))) {
      Scope.fromWireName(name).ifPresent(scopes::add);
    }
    return new Caller(
        "jwt:" + claims.getSubject(),
        Scope.expand(scopes),
        values(claims.getClaim(settings.projectsClaim())));
  }

  private static List<String> values(@Nullable Object claim) {
    List<String> values = new ArrayList<>();
    if (claim instanceof String text) {
      new java.util.Scanner(text).forEachRemaining(values::add);
    } else if (claim instanceof List<?> list) {
      for (Object item : list) {
        if (item instanceof String text && !text.isEmpty()) {
          values.add(text);
        }
      }
    }
    return values;
  }
}
