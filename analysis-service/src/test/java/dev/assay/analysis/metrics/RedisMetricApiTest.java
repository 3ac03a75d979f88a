package dev.assay.analysis.metrics;

import dev.assay.analysis.api.ProtoMetricCodec;
import dev.assay.runtime.testing.TestRedis;

/** The metric RPCs on the real Redis, under a key prefix of each test's own. */
class RedisMetricApiTest extends MetricApiContract {
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
