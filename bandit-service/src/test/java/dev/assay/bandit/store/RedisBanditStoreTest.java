package dev.assay.bandit.store;

import dev.assay.runtime.redis.SharedRedisClient;
import dev.assay.runtime.testing.TestRedis;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The store contract against the real Redis on 127.0.0.1:6379: one client for the class, and each
 * test's store under a key prefix of its own (below the class's, whose keys are deleted at the
 * end), so every test starts empty.
 */
class RedisBanditStoreTest extends BanditStoreContract {
  private static final AtomicInteger TESTS = new AtomicInteger();
  private static TestRedis redis;
  private static SharedRedisClient client;

  @BeforeAll
  static void connect() {
    redis = new TestRedis();
    client = redis.connect();
  }

  @AfterAll
  static void disconnect() {
    redis.close();
  }

  @Override
  BanditStore newStore() {
    return new RedisBanditStore(
        client,
        redis.prefix() + ":" + TESTS.incrementAndGet(),
        LOG_CAPACITY,
        io.opentelemetry.api.OpenTelemetry.noop());
  }
}
