package dev.assay.assignment.hostile;

import dev.assay.assignment.api.ProtoStoreCodec;
import dev.assay.assignment.store.AssignmentStore;
import dev.assay.assignment.store.RedisAssignmentStore;
import dev.assay.runtime.testing.TestRedis;
import org.jspecify.annotations.Nullable;

/** The adversarial suite over the real Redis, under a key prefix of its own. */
class RedisAdversarialTest extends AdversarialSuite {
  private @Nullable TestRedis redis;

  @java.lang.Override
  AssignmentStore newStore() {
    TestRedis fresh = new TestRedis();
    redis = fresh;
    return new RedisAssignmentStore(fresh.connect(), new ProtoStoreCodec());
  }

  @java.lang.Override
  void cleanUp() {
    if (redis != null) {
      redis.close(); // closes the client and deletes this prefix's keys, and only those
    }
  }
}
