package dev.assay.runtime.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lettuce.core.RedisURI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RedisEndpointTest {
  @Test
  void aPlainUrlNamesOneServer() {
    RedisEndpoint endpoint = RedisEndpoint.parse("redis://:secret@cache:6380/2");
    assertFalse(endpoint.cluster());
    RedisURI uri = endpoint.uris().get(0);
    assertEquals("cache", uri.getHost());
    assertEquals(6380, uri.getPort());
    assertEquals(2, uri.getDatabase());
  }

  @Test
  void aSentinelUrlIsLeftToTheSingleNodeClient() {
    RedisEndpoint endpoint = RedisEndpoint.parse("redis-sentinel://s1:26379,s2:26379#primary");
    assertFalse(endpoint.cluster());
    assertEquals("primary", endpoint.uris().get(0).getSentinelMasterId());
    assertEquals(2, endpoint.uris().get(0).getSentinels().size());
  }

  @Test
  void aClusterUrlListsSeedsSharingCredentialsAndTls() {
    RedisEndpoint endpoint = RedisEndpoint.parse("rediss-cluster://app:pw@n1:7000,n2:7001");
    assertTrue(endpoint.cluster());
    assertEquals(2, endpoint.uris().size());
    RedisURI second = endpoint.uris().get(1);
    assertEquals("n2", second.getHost());
    assertEquals(7001, second.getPort());
    assertTrue(second.isSsl());
    assertTrue(second.toString().contains("app"), "credentials reach every seed");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"redis-cluster://", "redis-cluster://n1:7000,,n2:7001", "redis-cluster://n1/0"})
  void malformedClusterUrlsAreRefused(String url) {
    assertThrows(IllegalArgumentException.class, () -> RedisEndpoint.parse(url));
  }

  @Test
  void settingsNameTheFlagAndMaskThePasswordOfABadUrl() {
    RedisSettings settings =
        new RedisSettings("redis-cluster://:hunter2@", "assay", java.time.Duration.ofSeconds(1));
    var error =
        assertThrows(
            dev.assay.runtime.config.InvalidSettingsException.class, settings::validateUrl);
    assertTrue(error.getMessage().contains("--redis-url"), error.getMessage());
    assertFalse(error.getMessage().contains("hunter2"), error.getMessage());
  }
}
