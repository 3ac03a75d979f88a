package dev.assay.analysis.metrics;

import dev.assay.analysis.api.ProtoMetricCodec;
import dev.assay.runtime.testing.TestRedis;

/** The validation table on the real Redis, under a key prefix of each test's own. */
class RedisMetricValidationTest extends MetricValidationContract {
  private final TestRedis redis = new TestRedis();

  @Override
  MetricStore newStore() {
    return new RedisMetricStore(redis.connect(), new ProtoMetricCodec());
  }

  @Override
  void afterReplicaClosed() {
    redis.close();
  }
}
