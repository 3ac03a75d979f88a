package dev.assay.runtime.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.assay.runtime.testing.Await;
import dev.assay.runtime.testing.RedisSentinel;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A redis-sentinel:// URL follows the primary through a failover, with no restart. */
class SentinelFailoverTest {
  @Test
  void writesReachTheNewPrimaryAfterAFailover() {
    try (RedisSentinel sentinel = new RedisSentinel();
        SharedRedisClient client =
            SharedRedisClient.create(
                new RedisSettings(sentinel.url(), "s", Duration.ofSeconds(2)));
        RedisConnection<String, String> redis = client.connect()) {
      redis.sync().set("s:k", "before");

      sentinel.primary().kill();
      Await.awaitWithin(
          Duration.ofSeconds(30), "the replica was promoted", sentinel::hasFailedOver);

      Await.awaitWithin(
          Duration.ofSeconds(10),
          "a write succeeds through the same client",
          () -> {
            try {
              redis.sync().set("s:k", "after");
              return true;
            } catch (RuntimeException e) {
              return false;
            }
          });
      assertEquals("after", redis.sync().get("s:k"));
    }
  }
}
