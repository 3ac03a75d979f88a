package dev.assay.cli.metrics;

import dev.assay.analysis.v1.CreateMetricRequest;
import dev.assay.analysis.v1.CreateMetricResponse;
import dev.assay.analysis.v1.GetMetricRequest;
import dev.assay.analysis.v1.GetMetricResponse;
import dev.assay.analysis.v1.ListMetricsRequest;
import dev.assay.analysis.v1.ListMetricsResponse;
import dev.assay.analysis.v1.MetricDefinition;
import dev.assay.analysis.v1.MetricDirection;
import dev.assay.analysis.v1.MetricServiceGrpc;
import dev.assay.analysis.v1.UpdateMetricRequest;
import dev.assay.analysis.v1.UpdateMetricResponse;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * The metric contract as the CLI sees it, in memory: keys, versions, ALREADY_EXISTS, NOT_FOUND and
 * ABORTED as the analysis service answers them, an update with an empty mask replacing every field,
 * and a page size honoured. The CLI cannot depend on the analysis service's code.
 */
final class FakeMetricService extends MetricServiceGrpc.MetricServiceImplBase {
  final TreeMap<String, MetricDefinition> metrics = new TreeMap<>();
  final List<String> calls = new ArrayList<>();

  @Override
  public synchronized void createMetric(
      CreateMetricRequest request, StreamObserver<CreateMetricResponse> out) {
    calls.add("create " + request.getMetric().getKey());
    if (metrics.containsKey(request.getMetric().getKey())) {
      out.onError(Status.ALREADY_EXISTS.asRuntimeException());
      return;
    }
    MetricDefinition stored = stored(request.getMetric(), 1);
    out.onNext(CreateMetricResponse.newBuilder().setMetric(stored).build());
    out.onCompleted();
  }

  @Override
  public synchronized void getMetric(
      GetMetricRequest request, StreamObserver<GetMetricResponse> out) {
    MetricDefinition metric = metrics.get(request.getKey());
    if (metric == null) {
      out.onError(Status.NOT_FOUND.withDescription("metric not found").asRuntimeException());
      return;
    }
    out.onNext(GetMetricResponse.newBuilder().setMetric(metric).build());
    out.onCompleted();
  }

  @Override
  public synchronized void listMetrics(
      ListMetricsRequest request, StreamObserver<ListMetricsResponse> out) {
    List<MetricDefinition> all = new ArrayList<>(metrics.values());
    int from = request.getPageToken().isEmpty() ? 0 : Integer.parseInt(request.getPageToken());
    int to = Math.min(all.size(), from + Math.max(1, request.getPageSize()));
    out.onNext(
        ListMetricsResponse.newBuilder()
            .addAllMetrics(all.subList(from, to))
            .setNextPageToken(to < all.size() ? Integer.toString(to) : "")
            .build());
    out.onCompleted();
  }

  @Override
  public synchronized void updateMetric(
      UpdateMetricRequest request, StreamObserver<UpdateMetricResponse> out) {
    calls.add("update " + request.getMetric().getKey());
    MetricDefinition current = metrics.get(request.getMetric().getKey());
    if (current == null) {
      out.onError(Status.NOT_FOUND.asRuntimeException());
      return;
    }
    if (!request.getUpdateMask().getPathsList().isEmpty()) {
      out.onError(
          Status.UNIMPLEMENTED.withDescription("the fake replaces whole").asRuntimeException());
      return;
    }
    if (request.getExpectedVersion() != 0 && request.getExpectedVersion() != current.getVersion()) {
      out.onError(Status.ABORTED.asRuntimeException());
      return;
    }
    MetricDefinition stored = stored(request.getMetric(), current.getVersion() + 1);
    out.onNext(UpdateMetricResponse.newBuilder().setMetric(stored).build());
    out.onCompleted();
  }

  private MetricDefinition stored(MetricDefinition metric, long version) {
    MetricDefinition.Builder stored = metric.toBuilder().setVersion(version);
    if (metric.getDirection() == MetricDirection.METRIC_DIRECTION_UNSPECIFIED) {
      stored.setDirection(MetricDirection.METRIC_DIRECTION_INCREASE_IS_BETTER);
    }
    metrics.put(metric.getKey(), stored.build());
    return stored.build();
  }
}
