package dev.assay.assignment.store;

import static dev.assay.assignment.support.ExperimentBuilder.experiment;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assay.assignment.api.ProtoStoreCodec;
import dev.assay.runtime.redis.SharedRedisClient;
import dev.assay.runtime.testing.TestRedis;
import org.junit.jupiter.api.Test;

/** The store contract against the real Redis on 127.0.0.1:6379, and what only Redis has. */
class RedisAssignmentStoreTest extends AssignmentStoreContract {
  private final TestRedis redis = new TestRedis();

  @Override
  protected AssignmentStore newStore() {
    return redis.closeLater(new RedisAssignmentStore(redis.connect(), new ProtoStoreCodec()));
  }

  @Override
  protected void closeAll() {
    redis.close();
  }

  @Test
  void closingTheStoreLeavesTheSharedClientOpenForOthers() {
    SharedRedisClient client = redis.connect();
    new RedisAssignmentStore(client, new ProtoStoreCodec()).close();

    try (RedisAssignmentStore other = new RedisAssignmentStore(client, new ProtoStoreCodec())) {
      other.experiments().create(experiment("after").build());
      assertTrue(other.experiments().find("after").isPresent());
    }
  }

  @Test
  void describesItselfByTheMaskedUrlOnly() {
    // The shared Redis has no password, so its default user accepts any.
    SharedRedisClient client = redis.connect("redis://:hunter2@127.0.0.1:6379");
    try (RedisAssignmentStore store = new RedisAssignmentStore(client, new ProtoStoreCodec())) {
      assertEquals(
          "redis://:***@127.0.0.1:6379 (key prefix " + redis.prefix() + ")", store.description());
    }
  }
}
