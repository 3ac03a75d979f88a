package dev.assay.assignment.api;

import dev.assay.assignment.store.AssignmentStore;
import dev.assay.assignment.store.RedisAssignmentStore;
import dev.assay.runtime.testing.TestRedis;

/** The same gRPC contract with the real Redis as the store. */
class RedisAssignmentApiTest extends AssignmentApiContract {
  private final TestRedis redis = new TestRedis();

  @java.lang.Override
  protected AssignmentStore newStore() {
    return redis.closeLater(new RedisAssignmentStore(redis.connect(), new ProtoStoreCodec()));
  }

  @java.lang.Override
  protected void closeStore() {
    redis.close();
  }
}
