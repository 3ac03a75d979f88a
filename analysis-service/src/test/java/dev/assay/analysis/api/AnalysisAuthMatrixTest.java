package dev.assay.analysis.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.assay.analysis.metrics.InMemoryMetricStore;
import dev.assay.analysis.metrics.MetricRegistry;
import dev.assay.analysis.metrics.MetricStore;
import dev.assay.analysis.metrics.RedisMetricStore;
import dev.assay.runtime.redis.SharedRedisClient;
import dev.assay.runtime.security.Scope;
import dev.assay.runtime.security.Security;
import dev.assay.runtime.security.SecuritySettings;
import dev.assay.runtime.testing.AuthMatrix;
import dev.assay.runtime.testing.InProcessGrpc;
import dev.assay.runtime.testing.MutableClock;
import dev.assay.runtime.testing.RawCalls;
import dev.assay.runtime.testing.TestRedis;
import io.grpc.BindableService;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Every analysis RPC with authentication on, as {@code main} serves them (the statistics and the
 * metric definitions): refused without a valid token, refused without its scope (naming it), served
 * with it. The scope table must cover exactly the served methods.
 */
class AnalysisAuthMatrixTest {
  private static final SecuritySettings TOKENS = new SecuritySettings(true, null);

  /** 19 statistics methods and 4 metric methods. */
  private static final int METHODS = 23;

  private final Clock clock = MutableClock.atSystemTime();

  private static List<BindableService> services(MetricRegistry metrics, Security security) {
    List<BindableService> services = new ArrayList<>(AnalysisApi.services());
    services.add(new MetricGrpcService(metrics, security.audit()));
    return services;
  }

  private int checkAll(MetricStore store, Security security) {
    MetricRegistry metrics = new MetricRegistry(store, clock);
    metrics.start();
    List<BindableService> services = services(metrics, security);
    try (InProcessGrpc grpc = InProcessGrpc.start("analysis", services, security, metrics)) {
      return AuthMatrix.check(
          grpc.channel(), security, AnalysisScopes.TABLE, RawCalls.methods(services));
    }
  }

  @Test
  void everyMethodNeedsATokenWithItsScopeInMemory() {
    try (Security security = Security.inMemory("analysis", TOKENS, AnalysisScopes.TABLE, clock)) {
      assertEquals(METHODS * 7, checkAll(new InMemoryMetricStore(), security));
    }
  }

  @Test
  void everyMethodNeedsATokenWithItsScopeOnRedis() {
    try (TestRedis redis = new TestRedis()) {
      SharedRedisClient client = redis.connect();
      try (Security security =
          Security.create("analysis", TOKENS, Optional.of(client), AnalysisScopes.TABLE, clock)) {
        assertEquals(
            METHODS * 7, checkAll(new RedisMetricStore(client, new ProtoMetricCodec()), security));
      }
    }
  }

  @Test
  void metricReadsNeedMetricsReadAndWritesMetricsWrite() {
    String service = "assay.analysis.v1.MetricService/";
    assertEquals(
        Optional.of(Scope.METRICS_READ), AnalysisScopes.TABLE.required(service + "GetMetric"));
    assertEquals(
        Optional.of(Scope.METRICS_READ), AnalysisScopes.TABLE.required(service + "ListMetrics"));
    assertEquals(
        Optional.of(Scope.METRICS_WRITE), AnalysisScopes.TABLE.required(service + "CreateMetric"));
    assertEquals(
        Optional.of(Scope.METRICS_WRITE), AnalysisScopes.TABLE.required(service + "UpdateMetric"));
  }
}
