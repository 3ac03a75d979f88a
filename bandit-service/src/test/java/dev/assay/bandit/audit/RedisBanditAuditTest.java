package dev.assay.bandit.audit;

import dev.assay.bandit.api.BanditScopes;
import dev.assay.bandit.store.BanditStore;
import dev.assay.bandit.store.RedisBanditStore;
import dev.assay.runtime.redis.SharedRedisClient;
import dev.assay.runtime.security.Security;
import dev.assay.runtime.testing.TestRedis;
import java.time.Clock;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The audit contract on the real Redis at 127.0.0.1:6379: store, tokens and the audit stream under
 * a key prefix of the test's own, deleted afterwards.
 */
class RedisBanditAuditTest extends BanditAuditContract {
  private @Nullable TestRedis redis;
  private @Nullable SharedRedisClient client;

  private SharedRedisClient client() {
    if (client == null) {
      redis = new TestRedis();
      client = redis.connect();
    }
    return client;
  }

  @Override
  BanditStore newStore() {
    SharedRedisClient shared = client();
    // Closed before the client when the test ends.
    return java.util.Objects.requireNonNull(redis).closeLater(new RedisBanditStore(shared, 1_000));
  }

  @Override
  Security newSecurity(Clock clock) {
    return Security.create(SECURITY, AUTH_ON, Optional.of(client()), BanditScopes.TABLE, clock);
  }

  @Override
  void release() {
    if (redis != null) {
      redis.close();
    }
    redis = null;
    client = null;
  }
}
