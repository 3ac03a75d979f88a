package dev.assay.bandit.store;

import dev.assay.bandit.testing.RedisTestSupport;
import io.lettuce.core.RedisClient;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The store contract against the real Redis on 127.0.0.1:6379, under a unique key prefix. */
class RedisBanditStoreTest extends BanditStoreContract {
  private static RedisClient client;
  private String prefix;

  @BeforeAll
  static void connect() {
    client = RedisClient.create(RedisTestSupport.URL);
  }

  @AfterAll
  static void disconnect() {
    client.shutdown();
  }

  @Override
  BanditStore newStore() {
    prefix = RedisTestSupport.uniquePrefix();
    return new RedisBanditStore(client, false, prefix, LOG_CAPACITY, Duration.ofSeconds(2));
  }

  @Override
  void cleanUp() {
    RedisTestSupport.deleteKeys(client, prefix);
  }
}
