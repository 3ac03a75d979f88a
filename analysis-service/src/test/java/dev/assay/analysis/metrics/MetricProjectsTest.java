package dev.assay.analysis.metrics;

import static dev.assay.runtime.testing.GrpcAssertions.assertStatus;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.protobuf.FieldMask;
import dev.assay.analysis.api.AnalysisScopes;
import dev.assay.analysis.v1.CreateMetricRequest;
import dev.assay.analysis.v1.GetMetricRequest;
import dev.assay.analysis.v1.ListMetricsRequest;
import dev.assay.analysis.v1.MetricServiceGrpc;
import dev.assay.analysis.v1.UpdateMetricRequest;
import dev.assay.runtime.security.Scope;
import dev.assay.runtime.security.Security;
import dev.assay.runtime.security.SecuritySettings;
import dev.assay.runtime.testing.AuthMatrix;
import dev.assay.runtime.testing.MutableClock;
import dev.assay.runtime.testing.TestTokens;
import io.grpc.Status;
import io.grpc.stub.MetadataUtils;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A token limited to projects (key prefixes) writes only metrics whose key is in one of them, and
 * reads every metric: experiments of any project may use any metric.
 */
class MetricProjectsTest {
  private final MutableClock clock = MutableClock.atSystemTime();

  private static MetricServiceGrpc.MetricServiceBlockingStub as(
      MetricReplica replica, String token) {
    return MetricServiceGrpc.newBlockingStub(replica.channel())
        .withInterceptors(
            MetadataUtils.newAttachHeadersInterceptor(AuthMatrix.headers("Bearer " + token)));
  }

  @Test
  void aProjectTokenWritesInsideItsProjectsAndReadsEverything() {
    try (Security security =
            Security.inMemory(
                "analysis", new SecuritySettings(true, null), AnalysisScopes.TABLE, clock);
        MetricReplica replica = new MetricReplica(new InMemoryMetricStore(), clock, security)) {
      var admin =
          as(replica, TestTokens.create(security, EnumSet.of(Scope.METRICS_WRITE), List.of()));
      var checkout =
          as(
              replica,
              TestTokens.create(security, EnumSet.of(Scope.METRICS_WRITE), List.of("checkout.")));
      admin.createMetric(
          CreateMetricRequest.newBuilder().setMetric(Metrics.sum("search.revenue")).build());

      checkout.createMetric(
          CreateMetricRequest.newBuilder().setMetric(Metrics.sum("checkout.revenue")).build());
      assertStatus(
          Status.Code.PERMISSION_DENIED,
          () ->
              checkout.createMetric(
                  CreateMetricRequest.newBuilder()
                      .setMetric(Metrics.sum("search.orders"))
                      .build()));
      assertStatus(
          Status.Code.PERMISSION_DENIED,
          () ->
              checkout.updateMetric(
                  UpdateMetricRequest.newBuilder()
                      .setMetric(Metrics.sum("search.revenue").setName("mine"))
                      .setUpdateMask(FieldMask.newBuilder().addPaths("name"))
                      .build()));

      assertEquals(
          "search.revenue",
          checkout
              .getMetric(GetMetricRequest.newBuilder().setKey("search.revenue").build())
              .getMetric()
              .getKey());
      assertEquals(
          2, checkout.listMetrics(ListMetricsRequest.getDefaultInstance()).getMetricsCount());
      assertEquals(
          2,
          security
              .audit()
              .log()
              .list(dev.assay.runtime.audit.AuditQuery.ALL, 10, "")
              .entries()
              .size());
    }
  }
}
