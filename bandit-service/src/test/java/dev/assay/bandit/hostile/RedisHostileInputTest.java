package dev.assay.bandit.hostile;

import dev.assay.bandit.store.BanditStore;
import dev.assay.bandit.store.RedisBanditStore;
import dev.assay.runtime.testing.TestRedis;

/** The hostile-input regressions on the real Redis, each test under a key prefix of its own. */
class RedisHostileInputTest extends HostileInputContract {
  private TestRedis redis;

  @Override
  BanditStore newStore() {
    redis = new TestRedis();
    return redis.closeLater(new RedisBanditStore(redis.connect(), 1_000));
  }

  @Override
  void closeStore() {
    redis.close();
  }
}
