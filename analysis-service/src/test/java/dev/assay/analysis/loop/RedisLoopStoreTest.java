package dev.assay.analysis.loop;

import dev.assay.analysis.aggregates.ExperimentLoopStore;
import dev.assay.analysis.aggregates.RedisLoopStore;
import dev.assay.runtime.testing.MutableClock;
import dev.assay.runtime.testing.TestRedis;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;

/** The store contract against Redis on 127.0.0.1:6379, under a key prefix of its own. */
class RedisLoopStoreTest extends LoopStoreContract {
  private TestRedis redis;

  @Override
  protected ExperimentLoopStore newStore(MutableClock clock) {
    redis = new TestRedis();
    return new RedisLoopStore(redis.connect(), clock, Duration.ofDays(30), 1_000);
  }

  @AfterEach
  void deleteKeys() {
    redis.close();
  }
}
