package dev.assay.runtime.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import dev.assay.runtime.testing.InProcessGrpc;
import dev.assay.runtime.testing.MutableClock;
import dev.assay.security.v1.AuditServiceGrpc;
import dev.assay.security.v1.CreateTokenRequest;
import dev.assay.security.v1.ListAuditEventsRequest;
import dev.assay.security.v1.TokenServiceGrpc;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** JWTs from an identity provider, verified against its JWK set, beside Assay's own tokens. */
class JwtAuthenticationTest {
  private static final String ISSUER = "https://idp.example.com/";
  private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T00:00:00Z"));
  private final RSAKey key = generate("idp-1");
  private final RSAKey otherKey = generate("idp-1");

  private static RSAKey generate(String id) {
    try {
      return new RSAKeyGenerator(2048).keyID(id).generate();
    } catch (com.nimbusds.jose.JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  private JwtSettings settings(String jwks) {
    return new JwtSettings(
        jwks, ISSUER, List.of("assay"), "scope", "assay_projects", Duration.ofSeconds(60));
  }

  private Path jwksFile(Path dir) throws Exception {
    Path file = dir.resolve("jwks.json");
    Files.writeString(file, new JWKSet(key.toPublicJWK()).toString());
    return file;
  }

  private JWTClaimsSet.Builder claims() {
    return new JWTClaimsSet.Builder()
        .issuer(ISSUER)
        .audience("assay")
        .subject("alice@example.com")
        .expirationTime(Date.from(clock.instant().plusSeconds(600)))
        .claim("scope", "openid audit:read evaluate");
  }

  private static String sign(RSAKey with, JWTClaimsSet claims) throws Exception {
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.RS256)
                .keyID(with.getKeyID())
                .type(JOSEObjectType.JWT)
                .build(),
            claims);
    jwt.sign(new RSASSASigner(with));
    return jwt.serialize();
  }

  @Test
  void aValidJwtBecomesACallerWithItsAssayScopesAndProjects(@TempDir Path dir) throws Exception {
    JwtAuthenticator jwt = new JwtAuthenticator(settings(jwksFile(dir).toString()), clock);

    Caller caller =
        jwt.authenticate(sign(key, claims().claim("assay_projects", List.of("web-")).build()));

    assertEquals("jwt:alice@example.com", caller.actor());
    assertEquals(Set.of(Scope.AUDIT_READ, Scope.EVALUATE), caller.scopes());
    assertEquals(List.of("web-"), caller.projects());
  }

  @Test
  void forgedExpiredForeignAndUnsignedJwtsAreRefused(@TempDir Path dir) throws Exception {
    JwtAuthenticator jwt = new JwtAuthenticator(settings(jwksFile(dir).toString()), clock);
    String wrongKey = sign(otherKey, claims().build());
    String wrongIssuer = sign(key, claims().issuer("https://evil.example.com/").build());
    String wrongAudience = sign(key, claims().audience("other").build());
    String expired =
        sign(key, claims().expirationTime(Date.from(clock.instant().minusSeconds(61))).build());
    String noExpiry = sign(key, claims().expirationTime(null).build());
    String unsigned = new PlainJWT(claims().build()).serialize() + "x";
    SignedJWT hmac = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims().build());
    hmac.sign(new MACSigner(key.toPublicJWK().toRSAPublicKey().getEncoded()));
    String valid = sign(key, claims().build());
    String tampered = valid.substring(0, valid.length() - 4) + "AAAA";

    for (String token :
        List.of(
            wrongKey,
            wrongIssuer,
            wrongAudience,
            expired,
            noExpiry,
            unsigned,
            hmac.serialize(),
            tampered)) {
      assertEquals(
          "invalid bearer token",
          assertThrows(UnauthenticatedException.class, () -> jwt.authenticate(token)).getMessage());
    }
  }

  @Test
  void theJwkSetCanComeFromAUrl() throws Exception {
    HttpServer idp =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    byte[] body = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
    idp.createContext(
        "/jwks.json",
        exchange -> {
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    idp.start();
    try {
      String url = "http://127.0.0.1:" + idp.getAddress().getPort() + "/jwks.json";
      JwtAuthenticator jwt = new JwtAuthenticator(settings(url), clock);
      assertEquals("jwt:alice@example.com", jwt.authenticate(sign(key, claims().build())).actor());
    } finally {
      idp.stop(0);
    }
  }

  @Test
  void throughGrpcAJwtOpensWhatItsScopesAllowAndNoMore(@TempDir Path dir) throws Exception {
    Security security =
        Security.inMemory(
            "test",
            new SecuritySettings(true, null, settings(jwksFile(dir).toString())),
            MethodScopes.builder().build(),
            clock);
    try (InProcessGrpc grpc = InProcessGrpc.start("test", List.of(), security)) {
      BearerCredentials bearer = new BearerCredentials(sign(key, claims().build()));
      AuditServiceGrpc.newBlockingStub(grpc.channel())
          .withCallCredentials(bearer)
          .listAuditEvents(ListAuditEventsRequest.getDefaultInstance());

      StatusRuntimeException denied =
          assertThrows(
              StatusRuntimeException.class,
              () ->
                  TokenServiceGrpc.newBlockingStub(grpc.channel())
                      .withCallCredentials(bearer)
                      .createToken(
                          CreateTokenRequest.newBuilder()
                              .setDisplayName("x")
                              .addScopes("evaluate")
                              .build()));
      assertEquals(Status.Code.PERMISSION_DENIED, denied.getStatus().getCode());
    }
  }
}
