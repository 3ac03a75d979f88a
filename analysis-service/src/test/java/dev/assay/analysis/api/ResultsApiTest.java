package dev.assay.analysis.api;

import static dev.assay.runtime.testing.GrpcAssertions.assertInvalid;
import static dev.assay.runtime.testing.GrpcAssertions.assertStatus;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Timestamp;
import dev.assay.analysis.experiments.NoDirectory;
import dev.assay.analysis.metrics.MetricKind;
import dev.assay.analysis.monitor.InMemoryMonitorActionStore;
import dev.assay.analysis.monitor.MonitorActionKind;
import dev.assay.analysis.results.FakeAggregates;
import dev.assay.analysis.results.Fixtures;
import dev.assay.analysis.results.LiveResults;
import dev.assay.analysis.results.ResultsCalculator;
import dev.assay.analysis.v1.ExperimentResults;
import dev.assay.analysis.v1.GetExperimentResultsRequest;
import dev.assay.analysis.v1.GetExperimentTimeSeriesRequest;
import dev.assay.analysis.v1.Granularity;
import dev.assay.analysis.v1.ListMonitorActionsRequest;
import dev.assay.analysis.v1.ListMonitorActionsResponse;
import dev.assay.analysis.v1.MetricRole;
import dev.assay.analysis.v1.MonitorServiceGrpc;
import dev.assay.analysis.v1.Recommendation;
import dev.assay.analysis.v1.ResultsServiceGrpc;
import dev.assay.runtime.security.Security;
import dev.assay.runtime.security.SecuritySettings;
import dev.assay.runtime.testing.AuthMatrix;
import dev.assay.runtime.testing.InProcessGrpc;
import dev.assay.runtime.testing.MutableClock;
import dev.assay.runtime.testing.RawCalls;
import io.grpc.BindableService;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** ResultsService and MonitorService over real gRPC: answers, errors, paging and scopes. */
class ResultsApiTest {
  private final MutableClock clock = new MutableClock(Fixtures.NOW);
  private final FakeAggregates aggregates = new FakeAggregates();
  private final InMemoryMonitorActionStore store = new InMemoryMonitorActionStore();
  private final List<BindableService> services =
      List.of(
          new ResultsGrpcService(
              new LiveResults(
                  aggregates,
                  new NoDirectory(),
                  new ResultsCalculator(
                      new Fixtures.Catalog()
                          .put(
                              Fixtures.metric("checkout", MetricKind.CONVERSION, false, 0, false))),
                  clock)),
          new MonitorGrpcService(store));
  private final InProcessGrpc grpc = InProcessGrpc.start("analysis", services);
  private final ResultsServiceGrpc.ResultsServiceBlockingStub results =
      ResultsServiceGrpc.newBlockingStub(grpc.channel());
  private final MonitorServiceGrpc.MonitorServiceBlockingStub monitor =
      MonitorServiceGrpc.newBlockingStub(grpc.channel());

  @AfterEach
  void close() {
    grpc.close();
  }

  private void observe() {
    for (int h = 1; h <= 3; h++) {
      aggregates.put(
          Fixtures.aggregate(
              "exp",
              Fixtures.NOW.minus(Duration.ofHours(4 - h)),
              new long[] {1_000L * h, 1_000L * h},
              List.of(
                  Map.of("checkout", Fixtures.conversions(100L * h, 1_000L * h)),
                  Map.of("checkout", Fixtures.conversions(120L * h, 1_000L * h)))));
    }
  }

  @Test
  void resultsAreAnsweredFromTheAggregatesWithEveryFigureSet() {
    observe();
    ExperimentResults r =
        results
            .getExperimentResults(
                GetExperimentResultsRequest.newBuilder().setExperimentKey("exp").build())
            .getResults();
    assertEquals("exp", r.getExperimentKey());
    assertEquals(
        Fixtures.NOW.minus(Duration.ofHours(1)).minus(Duration.ofDays(2)).getEpochSecond(),
        r.getFirstExposureTime().getSeconds(),
        "days running start at the first exposure");
    assertEquals(2, r.getVariationsCount());
    assertEquals(3_000, r.getVariations(1).getUnits());
    assertEquals(0.5, r.getVariations(1).getExpectedShare(), 1e-12);
    assertFalse(r.getSampleRatio().getMismatch());
    assertEquals(MetricRole.METRIC_ROLE_SECONDARY, r.getMetrics(0).getRole());
    var treatment = r.getMetrics(0).getVariations(1);
    assertEquals(0.12, treatment.getValue(), 1e-12);
    assertEquals(0.02, treatment.getAbsoluteLift().getEstimate(), 1e-12);
    assertTrue(treatment.getAbsoluteLift().getInterval().getLower() < 0.02);
    assertTrue(treatment.getPValue() > 0 && treatment.getPValue() < 0.05);
    assertTrue(treatment.getAlwaysValidPValue() >= treatment.getPValue());
    assertTrue(treatment.getChanceToBeatControl() > 0.99);
    assertFalse(treatment.hasCuped());
    assertFalse(r.getMetrics(0).getVariations(0).hasAbsoluteLift(), "control has no lift");
    assertEquals(Recommendation.RECOMMENDATION_KEEP_RUNNING, r.getRecommendation());
    assertTrue(r.getReasons(0).contains("--assignment-target=none"));
    assertFalse(r.getProgress().hasEstimatedDaysLeft());
  }

  @Test
  void timeSeriesHasOnePointPerHour() {
    observe();
    var points =
        results
            .getExperimentTimeSeries(
                GetExperimentTimeSeriesRequest.newBuilder()
                    .setExperimentKey("exp")
                    .setGranularity(Granularity.GRANULARITY_HOUR)
                    .build())
            .getPointsList();
    assertEquals(3, points.size());
    assertEquals(1_000, points.get(0).getResults().getVariations(0).getUnits());
    assertEquals(
        points.get(2).getEndTime(), points.get(2).getResults().getAsOf(), "end of the last hour");
  }

  @Test
  void badRequestsNameEveryBadFieldAndUnknownExperimentsAreNotFound() {
    assertInvalid(
        () ->
            results.getExperimentResults(
                GetExperimentResultsRequest.newBuilder()
                    .setExperimentKey("has space")
                    .addMetricKeys("ok")
                    .addMetricKeys("")
                    .build()),
        "experiment_key",
        "metric_keys[1]");
    List<String> many = new ArrayList<>();
    for (int i = 0; i <= ResultsGrpcService.MAX_METRIC_KEYS; i++) {
      many.add("m" + i);
    }
    assertInvalid(
        () ->
            results.getExperimentResults(
                GetExperimentResultsRequest.newBuilder()
                    .setExperimentKey("exp")
                    .addAllMetricKeys(many)
                    .build()),
        "metric_keys");
    assertInvalid(
        () ->
            results.getExperimentTimeSeries(
                GetExperimentTimeSeriesRequest.newBuilder()
                    .setExperimentKey("exp")
                    .setGranularityValue(17)
                    .setStartTime(Timestamp.newBuilder().setSeconds(200))
                    .setEndTime(Timestamp.newBuilder().setSeconds(100))
                    .build()),
        "granularity",
        "start_time");
    assertInvalid(
        () ->
            results.getExperimentTimeSeries(
                GetExperimentTimeSeriesRequest.newBuilder()
                    .setExperimentKey("exp")
                    .setEndTime(Timestamp.newBuilder().setNanos(-1))
                    .build()),
        "end_time");
    assertStatus(
        Status.Code.NOT_FOUND,
        () ->
            results.getExperimentResults(
                GetExperimentResultsRequest.newBuilder().setExperimentKey("ghost").build()));
  }

  @Test
  void monitorActionsPageNewestFirstAndFilterByExperiment() {
    for (int i = 0; i < 5; i++) {
      store.record(
          i % 2 == 0 ? "a" : "b",
          Fixtures.NOW.plusSeconds(i),
          MonitorActionKind.ALERT_SAMPLE_RATIO_MISMATCH,
          "alert " + i,
          Optional.empty(),
          true,
          Optional.empty());
    }
    ListMonitorActionsResponse first =
        monitor.listMonitorActions(ListMonitorActionsRequest.newBuilder().setPageSize(2).build());
    assertEquals(List.of("alert 4", "alert 3"), reasons(first));
    ListMonitorActionsResponse second =
        monitor.listMonitorActions(
            ListMonitorActionsRequest.newBuilder()
                .setPageSize(2)
                .setPageToken(first.getNextPageToken())
                .build());
    assertEquals(List.of("alert 2", "alert 1"), reasons(second));
    ListMonitorActionsResponse last =
        monitor.listMonitorActions(
            ListMonitorActionsRequest.newBuilder()
                .setPageSize(2)
                .setPageToken(second.getNextPageToken())
                .build());
    assertEquals(List.of("alert 0"), reasons(last));
    assertEquals("", last.getNextPageToken());

    ListMonitorActionsResponse onlyA =
        monitor.listMonitorActions(
            ListMonitorActionsRequest.newBuilder().setExperimentKey("a").build());
    assertEquals(List.of("alert 4", "alert 2", "alert 0"), reasons(onlyA));

    assertInvalid(
        () ->
            monitor.listMonitorActions(
                ListMonitorActionsRequest.newBuilder()
                    .setPageSize(1_001)
                    .setPageToken("abc")
                    .setExperimentKey("bad key")
                    .build()),
        "experiment_key",
        "page_size",
        "page_token");
  }

  @Test
  void everyMethodAnswersByTheAuthMatrixWithTheResultsScope() {
    Security security =
        Security.inMemory(
            "analysis", new SecuritySettings(true, null), AnalysisScopes.TABLE, clock);
    try (InProcessGrpc secured = InProcessGrpc.start("analysis", services, security, security)) {
      List<MethodDescriptor<?, ?>> methods = RawCalls.methods(services);
      assertEquals(3, methods.size());
      int calls = AuthMatrix.check(secured.channel(), security, AnalysisScopes.TABLE, methods);
      assertTrue(calls >= 3 * 5, "calls checked: " + calls);
    }
  }

  private static List<String> reasons(ListMonitorActionsResponse response) {
    return response.getActionsList().stream()
        .map(dev.assay.analysis.v1.MonitorAction::getReason)
        .toList();
  }
}
