package dev.assay.assignment.security;

import dev.assay.assignment.api.AssignmentScopes;
import dev.assay.assignment.api.ProtoStoreCodec;
import dev.assay.assignment.store.AssignmentStore;
import dev.assay.assignment.store.RedisAssignmentStore;
import dev.assay.runtime.security.Security;
import dev.assay.runtime.security.SecuritySettings;
import dev.assay.runtime.testing.TestRedis;
import java.util.Optional;

/** The audit suite with the real Redis holding the store, the tokens and the audit stream. */
class RedisAssignmentAuditTest extends AssignmentAuditContract {
  private TestRedis redis;

  @java.lang.Override
  protected AssignmentStore newStore() {
    redis = new TestRedis();
    return redis.closeLater(new RedisAssignmentStore(redis.connect(), new ProtoStoreCodec()));
  }

  @java.lang.Override
  protected Security newSecurity(SecuritySettings settings) {
    return Security.create(
        "assignment", settings, Optional.of(redis.connect()), AssignmentScopes.TABLE, clock);
  }

  @java.lang.Override
  protected void closeStore() {
    redis.close();
  }
}
