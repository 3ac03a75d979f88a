package dev.assay.bandit.decisionkeys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assay.bandit.store.BanditStore;
import dev.assay.bandit.store.RedisBanditStore;
import dev.assay.runtime.redis.SharedRedisClient;
import dev.assay.runtime.testing.TestRedis;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Signed decision ids on the real Redis, each test under a key prefix of its own; replicas of one
 * test share that prefix, as replicas share a deployment's.
 */
class RedisSignedDecisionIdsTest extends SignedDecisionIdsContract {
  private final TestRedis redis = new TestRedis();

  @Override
  BanditStore newStore() {
    return sameStore();
  }

  @Override
  BanditStore sameStore() {
    return redis.closeLater(new RedisBanditStore(redis.connect(), 1_000));
  }

  @Override
  void closeStores() {
    redis.close();
  }

  @Test
  void aLostSharedKeyIsWrittenBackAndAnotherReplicasIsAdopted() {
    SharedRedisClient client = redis.connect();
    DecisionKeys keys =
        DecisionKeys.generated(
            redis.closeLater(new RedisBanditStore(client, 1_000)),
            Clock.systemUTC(),
            new SecureRandom());
    String mine = keys.signingKey().id();
    RedisClient plain = RedisClient.create(TestRedis.URL);
    try (StatefulRedisConnection<String, String> c = plain.connect()) {
      String key = redis.prefix() + ":{bandit-decision-key}:secret";
      String stored = c.sync().get(key);
      c.sync().del(key);
      keys.poll();
      assertEquals(stored, c.sync().get(key));
      assertEquals(mine, keys.signingKey().id());
      // another replica's key got there first: adopt it, keep verifying with the old one
      byte[] other = new byte[32];
      new SecureRandom().nextBytes(other);
      c.sync().set(key, java.util.Base64.getEncoder().encodeToString(other));
      keys.poll();
      assertEquals(GeneratedKeySource.idOf(other), keys.signingKey().id());
      assertTrue(keys.ring().find(mine).isPresent());
    } finally {
      plain.shutdown();
    }
  }

  @Test
  void theGeneratedKeyIsStoredOnceAndNeverLogged() throws Exception {
    SharedRedisClient client = redis.connect();
    List<DecisionKeys> keys = new ArrayList<>();
    String log =
        captureLog(
            () -> {
              for (int i = 0; i < 3; i++) {
                keys.add(
                    DecisionKeys.generated(
                        redis.closeLater(new RedisBanditStore(client, 1_000)),
                        Clock.systemUTC(),
                        new SecureRandom()));
              }
            });
    assertEquals(keys.get(0).signingKey().id(), keys.get(2).signingKey().id());
    String stored;
    RedisClient plain = RedisClient.create(TestRedis.URL);
    try (StatefulRedisConnection<String, String> c = plain.connect()) {
      stored = c.sync().get(redis.prefix() + ":{bandit-decision-key}:secret");
    } finally {
      plain.shutdown();
    }
    assertEquals(44, stored.length());
    assertFalse(log.contains(stored), log);
    assertFalse(log.contains(stored.substring(0, 12)), log);
  }
}
