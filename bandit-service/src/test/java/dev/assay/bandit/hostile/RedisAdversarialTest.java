package dev.assay.bandit.hostile;

import dev.assay.bandit.store.BanditStore;
import dev.assay.bandit.store.RedisBanditStore;
import dev.assay.bandit.store.StoreState;
import dev.assay.runtime.testing.TestRedis;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.util.Collection;
import java.util.Map;
import java.util.function.Function;
import java.util.function.LongSupplier;

/** The adversarial suite on the real Redis, under a key prefix of its own per test. */
class RedisAdversarialTest extends AdversarialSuite {
  private TestRedis redis;
  private RedisClient scanner;
  private StatefulRedisConnection<String, String> scan;

  @Override
  BanditStore openStore() {
    redis = new TestRedis();
    scanner = RedisClient.create(TestRedis.URL);
    scan = scanner.connect();
    return redis.closeLater(new RedisBanditStore(redis.connect(), 1_000));
  }

  @Override
  LongSupplier markers() {
    return StoreState.markersUnder(scan.sync(), redis.prefix());
  }

  @Override
  Function<Collection<String>, Map<String, Integer>> logLengths() {
    return StoreState.logsUnder(scan.async(), redis.prefix());
  }

  @Override
  void closeStore() {
    scan.close();
    scanner.shutdown();
    redis.close();
  }
}
