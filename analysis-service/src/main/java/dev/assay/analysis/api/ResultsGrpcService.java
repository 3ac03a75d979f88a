package dev.assay.analysis.api;

import com.google.protobuf.Timestamp;
import com.google.protobuf.util.Timestamps;
import dev.assay.analysis.results.LiveResults;
import dev.assay.analysis.results.Resolution;
import dev.assay.analysis.results.TimeSeries;
import dev.assay.analysis.v1.GetExperimentResultsRequest;
import dev.assay.analysis.v1.GetExperimentResultsResponse;
import dev.assay.analysis.v1.GetExperimentTimeSeriesRequest;
import dev.assay.analysis.v1.GetExperimentTimeSeriesResponse;
import dev.assay.analysis.v1.Granularity;
import dev.assay.analysis.v1.ResultsServiceGrpc;
import dev.assay.analysis.v1.TimeSeriesPoint;
import dev.assay.runtime.errors.Violations;
import dev.assay.runtime.proto.ProtoTime;
import dev.assay.runtime.security.RequestContext;
import io.grpc.stub.StreamObserver;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code ResultsService} over gRPC: validates the request, asks {@link LiveResults} or {@link
 * TimeSeries}, translates the answer.
 */
public final class ResultsGrpcService extends ResultsServiceGrpc.ResultsServiceImplBase {
  /** Most metric keys one request may name. */
  static final int MAX_METRIC_KEYS = 100;

  private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_.-]{1,128}");

  private final LiveResults live;
  private final TimeSeries series;

  /** Answers from {@code live}. */
  public ResultsGrpcService(LiveResults live) {
    this.live = live;
    this.series = new TimeSeries(live);
  }

  @Override
  public void getExperimentResults(
      GetExperimentResultsRequest request, StreamObserver<GetExperimentResultsResponse> responses) {
    Violations violations = new Violations();
    checkKeys(violations, request.getExperimentKey(), request.getMetricKeysList());
    violations.throwIfAny();
    RequestContext.current().caller().requireAccess(request.getExperimentKey(), "experiment_key");
    GetExperimentResultsResponse response =
        GetExperimentResultsResponse.newBuilder()
            .setResults(
                ResultsProtos.toProto(
                    live.current(
                        request.getExperimentKey(),
                        request.getMetricKeysList(),
                        request.getIncludeOverriddenUnits())))
            .build();
    responses.onNext(response);
    responses.onCompleted();
  }

  @Override
  public void getExperimentTimeSeries(
      GetExperimentTimeSeriesRequest request,
      StreamObserver<GetExperimentTimeSeriesResponse> responses) {
    Violations violations = new Violations();
    checkKeys(violations, request.getExperimentKey(), request.getMetricKeysList());
    violations.check(
        request.getGranularity() == Granularity.UNRECOGNIZED,
        "granularity",
        "must be GRANULARITY_HOUR or GRANULARITY_DAY");
    Optional<Instant> start =
        time(violations, request.hasStartTime(), request.getStartTime(), "start_time");
    Optional<Instant> end =
        time(violations, request.hasEndTime(), request.getEndTime(), "end_time");
    if (start.isPresent() && end.isPresent() && start.get().isAfter(end.get())) {
      violations.add("start_time", "must not be after end_time");
    }
    violations.throwIfAny();
    RequestContext.current().caller().requireAccess(request.getExperimentKey(), "experiment_key");
    Resolution resolution =
        request.getGranularity() == Granularity.GRANULARITY_HOUR ? Resolution.HOUR : Resolution.DAY;
    GetExperimentTimeSeriesResponse.Builder response = GetExperimentTimeSeriesResponse.newBuilder();
    for (TimeSeries.Point point :
        series.points(
            request.getExperimentKey(),
            request.getMetricKeysList(),
            request.getIncludeOverriddenUnits(),
            resolution,
            start,
            end)) {
      response.addPoints(
          TimeSeriesPoint.newBuilder()
              .setEndTime(ProtoTime.timestamp(point.endTime()))
              .setResults(ResultsProtos.toProto(point.results())));
    }
    responses.onNext(response.build());
    responses.onCompleted();
  }

  private static void checkKeys(Violations violations, String experimentKey, List<String> metrics) {
    violations.check(
        !KEY.matcher(experimentKey).matches(),
        "experiment_key",
        "must be 1-128 characters of [A-Za-z0-9_.-]");
    if (metrics.size() > MAX_METRIC_KEYS) {
      violations.add("metric_keys", "at most " + MAX_METRIC_KEYS + " keys, got " + metrics.size());
      return;
    }
    for (int i = 0; i < metrics.size(); i++) {
      violations.check(
          !KEY.matcher(metrics.get(i)).matches(),
          "metric_keys[" + i + "]",
          "must be 1-128 characters of [A-Za-z0-9_.-]");
    }
  }

  private static Optional<Instant> time(
      Violations violations, boolean isSet, Timestamp timestamp, String field) {
    if (!isSet) {
      return Optional.empty();
    }
    if (!Timestamps.isValid(timestamp)) {
      violations.add(field, "must be a valid timestamp (years 1-9999, nanos 0-999999999)");
      return Optional.empty();
    }
    return Optional.of(Instant.ofEpochSecond(timestamp.getSeconds(), timestamp.getNanos()));
  }
}
