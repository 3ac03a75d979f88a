package dev.assay.assignment.api;

import dev.assay.assignment.store.AssignmentStore;
import dev.assay.assignment.store.RedisAssignmentStore;
import dev.assay.runtime.redis.SharedRedisClient;
import dev.assay.runtime.testing.TestRedis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The hostile-input regressions with the real Redis as the store: one client for the class, as a
 * process has one, and a store of each test's own that leaves nothing behind.
 */
class RedisHostileRequestTest extends HostileRequestContract {
  private static final TestRedis REDIS = new TestRedis();
  private static SharedRedisClient client;
  private RedisAssignmentStore store;

  @BeforeAll
  static void connect() {
    client = REDIS.connect();
  }

  @AfterAll
  static void disconnect() {
    REDIS.close();
  }

  @java.lang.Override
  protected AssignmentStore newStore() {
    store = new RedisAssignmentStore(client, new ProtoStoreCodec());
    return store;
  }

  @java.lang.Override
  protected void closeStore() {
    store.close();
    TestRedis.deleteKeys(REDIS.prefix());
  }
}
