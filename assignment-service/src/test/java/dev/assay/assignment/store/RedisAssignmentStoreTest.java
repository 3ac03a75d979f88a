package dev.assay.assignment.store;

import dev.assay.assignment.support.TestRedis;

/** The store contract against the real Redis on 127.0.0.1:6379. */
class RedisAssignmentStoreTest extends AssignmentStoreContract {
  private TestRedis redis;

  @Override
  protected AssignmentStore newStore() {
    redis = new TestRedis();
    return redis.newStore();
  }

  @Override
  protected void closeAll() {
    redis.close();
  }
}
