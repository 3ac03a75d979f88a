package dev.assay.runtime.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assay.runtime.config.InvalidSettingsException;
import dev.assay.runtime.testing.RedisCluster;
import dev.assay.runtime.testing.RedisProcess;
import dev.assay.runtime.testing.TestCertificates;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The Redis client over TLS against a real redis-server speaking TLS. */
class RedisTlsTest {
  private final TestCertificates certs = TestCertificates.copy();

  @AfterEach
  void deleteCopies() {
    certs.delete();
  }

  private RedisSettings settings(@Nullable String url, RedisTls tls) {
    return new RedisSettings(
        url,
        "tls",
        Duration.ofSeconds(2),
        RedisSettings.DEFAULT_RECONNECT_MAX,
        0,
        Duration.ofSeconds(1),
        tls);
  }

  private RedisTls trustingCa() {
    return new RedisTls(Optional.of(certs.caCert()), Optional.empty(), Optional.empty());
  }

  private RedisTls withClientCertificate(Path cert, Path key) {
    return new RedisTls(Optional.of(certs.caCert()), Optional.of(cert), Optional.of(key));
  }

  @Test
  void commandsWorkOverTlsTrustingTheConfiguredCa() {
    try (RedisProcess redis = RedisProcess.startTls(certs, false, List.of())) {
      RedisSettings settings = settings(redis.tlsUrl(), trustingCa());
      settings.validateUrl();
      assertRoundTrip(settings);
    }
  }

  @Test
  void aRedisRequiringClientCertificatesTakesOursAndRefusesNone() {
    try (RedisProcess redis = RedisProcess.startTls(certs, true, List.of())) {
      assertRoundTrip(
          settings(redis.tlsUrl(), withClientCertificate(certs.clientCert(), certs.clientKey())));
      assertConnectionFails(settings(redis.tlsUrl(), trustingCa()));
      // A certificate from another CA is refused too.
      assertConnectionFails(
          settings(
              redis.tlsUrl(),
              withClientCertificate(
                  certs.file("other-client.pem"), certs.file("other-client.key"))));
    }
  }

  @Test
  void aServerSignedByAnotherCaIsRefused() {
    try (RedisProcess redis = RedisProcess.startTls(certs, false, List.of())) {
      RuntimeException e =
          assertConnectionFails(
              settings(
                  redis.tlsUrl(),
                  new RedisTls(
                      Optional.of(certs.file("other-ca.pem")),
                      Optional.empty(),
                      Optional.empty())));
      assertTrue(causes(e).contains("PKIX path building failed"), causes(e));
    }
  }

  @Test
  void aClusterWorksOverTlsWithClientCertificates() {
    try (RedisCluster cluster = RedisCluster.tls(certs)) {
      RedisSettings settings =
          settings(cluster.tlsUrl(), withClientCertificate(certs.clientCert(), certs.clientKey()));
      settings.validateUrl();
      SharedRedisClient client = SharedRedisClient.create(settings);
      try (RedisConnection<String, String> connection = client.connect()) {
        assertTrue(client.isCluster());
        // Keys in different slots: every primary is reached over TLS.
        for (int i = 0; i < 20; i++) {
          connection.sync().set("tls:" + i, "v" + i);
        }
        for (int i = 0; i < 20; i++) {
          assertEquals("v" + i, connection.sync().get("tls:" + i));
        }
      } finally {
        client.close();
      }
    }
  }

  @Test
  void tlsFilesNeedATlsUrl() {
    String message =
        assertThrows(
                InvalidSettingsException.class,
                () -> settings("redis://127.0.0.1:6379", trustingCa()).validateUrl())
            .getMessage();
    assertTrue(
        message.startsWith(
            "--redis-tls-ca-file (env ASSAY_REDIS_TLS_CA_FILE) applies to TLS URLs only"),
        message);
  }

  @Test
  void aClientKeyWithoutItsCertificateOrWithoutAUrlIsNamed() {
    RedisTls keyOnly =
        new RedisTls(Optional.empty(), Optional.empty(), Optional.of(certs.clientKey()));
    String message =
        assertThrows(
                InvalidSettingsException.class,
                () -> settings("rediss://127.0.0.1:6380", keyOnly).validateUrl())
            .getMessage();
    assertTrue(
        message.startsWith(
            "--redis-tls-cert-file (env ASSAY_REDIS_TLS_CERT_FILE) must be set with"
                + " --redis-tls-key-file"),
        message);
    message =
        assertThrows(InvalidSettingsException.class, () -> settings(null, keyOnly).validateUrl())
            .getMessage();
    assertTrue(
        message.startsWith("--redis-tls-key-file (env ASSAY_REDIS_TLS_KEY_FILE) needs a rediss://"),
        message);
  }

  private static void assertRoundTrip(RedisSettings settings) {
    SharedRedisClient client = SharedRedisClient.create(settings);
    try (RedisConnection<String, String> connection = client.connect()) {
      connection.sync().set("tls:k", "v");
      assertEquals("v", connection.sync().get("tls:k"));
    } finally {
      client.close();
    }
  }

  private static RuntimeException assertConnectionFails(RedisSettings settings) {
    SharedRedisClient client = SharedRedisClient.create(settings);
    try {
      return assertThrows(
          RuntimeException.class,
          () -> {
            try (RedisConnection<String, String> connection = client.connect()) {
              connection.sync().ping();
            }
          });
    } finally {
      client.close();
    }
  }

  private static String causes(Throwable e) {
    StringBuilder text = new StringBuilder();
    for (Throwable t = e; t != null; t = t.getCause()) {
      text.append(t).append(" <- ");
    }
    return text.toString();
  }
}
