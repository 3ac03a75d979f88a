package dev.assay.assignment.store;

import static dev.assay.assignment.support.ExperimentBuilder.experiment;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assay.assignment.api.ProtoStoreCodec;
import dev.assay.runtime.redis.SharedRedisClient;
import dev.assay.runtime.testing.TestRedis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The store contract against the real Redis on 127.0.0.1:6379, and what only Redis has: one client
 * for the class, as a process has one, and a store of each test's own that leaves nothing behind.
 */
class RedisAssignmentStoreTest extends AssignmentStoreContract {
  private static final TestRedis REDIS = new TestRedis();
  private static SharedRedisClient client;

  @BeforeAll
  static void connect() {
    client = REDIS.connect();
  }

  @AfterAll
  static void disconnect() {
    REDIS.close();
  }

  @Override
  protected AssignmentStore newStore() {
    return new RedisAssignmentStore(client, new ProtoStoreCodec());
  }

  @Override
  protected void closeAll() {
    store.close();
    TestRedis.deleteKeys(REDIS.prefix());
  }

  @Test
  void closingTheStoreLeavesTheSharedClientOpenForOthers() {
    store.close();

    try (RedisAssignmentStore other = new RedisAssignmentStore(client, new ProtoStoreCodec())) {
      other.experiments().create(experiment("after").build());
      assertTrue(other.experiments().find("after").isPresent());
    }
  }

  @Test
  void describesItselfByTheMaskedUrlOnly() {
    // The shared Redis has no password, so its default user accepts any.
    SharedRedisClient withPassword = REDIS.connect("redis://:hunter2@127.0.0.1:6379");
    try (RedisAssignmentStore described =
        new RedisAssignmentStore(withPassword, new ProtoStoreCodec())) {
      assertEquals(
          "redis://:***@127.0.0.1:6379 (key prefix " + REDIS.prefix() + ")",
          described.description());
    }
  }
}
