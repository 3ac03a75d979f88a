package dev.assay.runtime.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.assay.runtime.testing.TestRedis;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.Test;

class SharedRedisClientTest {
  @Test
  void opensConnectionsToTheRealRedisUntilClosed() {
    TestRedis redis = new TestRedis();
    SharedRedisClient shared = SharedRedisClient.create(redis.settings(TestRedis.URL));
    try (StatefulRedisConnection<String, String> connection = shared.client().connect()) {
      connection.sync().set(redis.prefix() + ":k", "v");
      assertEquals("v", connection.sync().get(redis.prefix() + ":k"));
    } finally {
      shared.close();
      redis.close();
    }
    assertThrows(RuntimeException.class, () -> shared.client().connect());
  }

  @Test
  void refusesSettingsWithoutAUrl() {
    assertThrows(
        IllegalArgumentException.class, () -> SharedRedisClient.create(RedisSettings.inMemory()));
  }
}
