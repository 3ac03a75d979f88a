package dev.assay.runtime.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RedisSettingsTest {
  @ParameterizedTest
  @CsvSource({
    "redis://:secret@host:6379, redis://:***@host:6379",
    "rediss://alice:secret@host:6380/2, rediss://alice:***@host:6380/2",
    "redis://host:6379, redis://host:6379",
    "redis://:p@ss@host, redis://:***@host"
  })
  void masksPasswords(String url, String masked) {
    assertEquals(masked, RedisSettings.mask(url));
  }

  @Test
  void toStringNeverShowsThePassword() {
    String text =
        new RedisSettings("redis://:hunter2@h:1", "assay", Duration.ofSeconds(1)).toString();
    assertTrue(!text.contains("hunter2"), text);
  }
}
