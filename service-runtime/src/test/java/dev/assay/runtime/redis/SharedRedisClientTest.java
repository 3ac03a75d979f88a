package dev.assay.runtime.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.assay.runtime.testing.TestRedis;
import org.junit.jupiter.api.Test;

class SharedRedisClientTest {
  @Test
  void opensConnectionsToTheRealRedisUntilClosed() {
    TestRedis redis = new TestRedis();
    SharedRedisClient shared = SharedRedisClient.create(redis.settings(TestRedis.URL));
    try (RedisConnection<String, String> connection = shared.connect()) {
      connection.sync().set(redis.prefix() + ":k", "v");
      assertEquals("v", connection.sync().get(redis.prefix() + ":k"));
      // No replicas configured: acknowledging does not wait.
      connection.awaitReplication(redis.prefix() + ":k");
    } finally {
      shared.close();
      redis.close();
    }
    assertThrows(RuntimeException.class, shared::connect);
  }

  @Test
  void refusesSettingsWithoutAUrl() {
    assertThrows(
        IllegalArgumentException.class, () -> SharedRedisClient.create(RedisSettings.inMemory()));
  }
}
