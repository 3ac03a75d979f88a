package dev.assay.analysis.api;

import dev.assay.analysis.metrics.MetricDefinition;
import dev.assay.analysis.metrics.MetricRegistry;
import dev.assay.analysis.v1.CreateMetricRequest;
import dev.assay.analysis.v1.CreateMetricResponse;
import dev.assay.analysis.v1.GetMetricRequest;
import dev.assay.analysis.v1.GetMetricResponse;
import dev.assay.analysis.v1.ListMetricsRequest;
import dev.assay.analysis.v1.ListMetricsResponse;
import dev.assay.analysis.v1.MetricServiceGrpc;
import dev.assay.analysis.v1.UpdateMetricRequest;
import dev.assay.analysis.v1.UpdateMetricResponse;
import dev.assay.runtime.audit.AuditTrail;
import dev.assay.runtime.errors.ValidationException;
import dev.assay.runtime.resources.Page;
import dev.assay.runtime.resources.UpdateMasks;
import dev.assay.runtime.security.RequestContext;
import io.grpc.stub.StreamObserver;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * gRPC adapter for metric definitions: validates and translates, calls the {@link MetricRegistry},
 * records every write in the audit trail (before and after). Writes need the metric's key inside
 * the caller's projects; reads do not, since every experiment may use any metric.
 */
public final class MetricGrpcService extends MetricServiceGrpc.MetricServiceImplBase {
  /**
   * What an update mask may name (snake_case); the kind is listed so that changing it is refused.
   */
  static final List<String> WRITABLE_FIELDS =
      List.of(
          "name",
          "kind",
          "direction",
          "guardrail_margin",
          "attribution_window",
          "cuped_lookback",
          "winsorize_cap",
          "numerator_metric",
          "denominator_metric");

  private final MetricRegistry metrics;
  private final AuditTrail audit;

  /** Serves {@code metrics}, recording every write in {@code audit}. */
  public MetricGrpcService(MetricRegistry metrics, AuditTrail audit) {
    this.metrics = metrics;
    this.audit = audit;
  }

  @Override
  public void createMetric(CreateMetricRequest request, StreamObserver<CreateMetricResponse> out) {
    String key = request.getMetric().getKey();
    RequestContext.currentCaller().requireAccess(key, "metric.key");
    MetricDefinition created = metrics.create(MetricMapper.toDomain(request.getMetric()));
    var stored = MetricMapper.toProto(created);
    audit.record("metric", key, null, stored);
    reply(out, CreateMetricResponse.newBuilder().setMetric(stored).build());
  }

  @Override
  public void getMetric(GetMetricRequest request, StreamObserver<GetMetricResponse> out) {
    requireKey(request.getKey(), "key");
    var metric = MetricMapper.toProto(metrics.get(request.getKey()));
    reply(out, GetMetricResponse.newBuilder().setMetric(metric).build());
  }

  @Override
  public void listMetrics(ListMetricsRequest request, StreamObserver<ListMetricsResponse> out) {
    Page<MetricDefinition> page = metrics.list(request.getPageSize(), request.getPageToken());
    reply(
        out,
        ListMetricsResponse.newBuilder()
            .addAllMetrics(page.map(MetricMapper::toProto).items())
            .setNextPageToken(page.nextPageToken())
            .build());
  }

  @Override
  public void updateMetric(UpdateMetricRequest request, StreamObserver<UpdateMetricResponse> out) {
    String key = request.getMetric().getKey();
    requireKey(key, "metric.key");
    RequestContext.currentCaller().requireAccess(key, "metric.key");
    if (request.getExpectedVersion() < 0) {
      throw ValidationException.of(
          "expected_version",
          "must be 0 (no check) or a stored version, got " + request.getExpectedVersion());
    }
    UnaryOperator<MetricDefinition> edit =
        UpdateMasks.edit(
            request.getUpdateMask(),
            WRITABLE_FIELDS,
            request.getMetric(),
            MetricMapper::toProto,
            MetricMapper::toDomain);
    MetricRegistry.Revision revision = metrics.update(key, edit, request.getExpectedVersion());
    var after = MetricMapper.toProto(revision.after());
    audit.record("metric", key, MetricMapper.toProto(revision.before()), after);
    reply(out, UpdateMetricResponse.newBuilder().setMetric(after).build());
  }

  /** Rejects a key no metric can have before anything is looked up. */
  private static void requireKey(String key, String field) {
    if (!MetricMapper.KEY.matcher(key).matches()) {
      throw ValidationException.of(field, "must be 1-128 characters of [A-Za-z0-9_.-]");
    }
  }

  private static <T> void reply(StreamObserver<T> out, T response) {
    out.onNext(response);
    out.onCompleted();
  }
}
