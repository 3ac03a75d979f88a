package dev.assay.assignment.api;

import dev.assay.assignment.store.AssignmentStore;
import dev.assay.assignment.support.TestRedis;

/** The same gRPC contract with the real Redis as the store. */
class RedisAssignmentApiTest extends AssignmentApiContract {
  private TestRedis redis;

  @java.lang.Override
  protected AssignmentStore newStore() {
    redis = new TestRedis();
    return redis.newStore();
  }

  @java.lang.Override
  protected void closeStore() {
    redis.close();
  }
}
