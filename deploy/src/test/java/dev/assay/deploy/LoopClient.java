package dev.assay.deploy;

import com.google.common.util.concurrent.FutureCallback;
import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.MoreExecutors;
import com.google.protobuf.Duration;
import com.google.protobuf.Timestamp;
import dev.assay.analysis.v1.CreateMetricRequest;
import dev.assay.analysis.v1.ExperimentResults;
import dev.assay.analysis.v1.GetExperimentResultsRequest;
import dev.assay.analysis.v1.MetricDefinition;
import dev.assay.analysis.v1.MetricDirection;
import dev.assay.analysis.v1.MetricKind;
import dev.assay.analysis.v1.MetricServiceGrpc;
import dev.assay.analysis.v1.OutcomeEvent;
import dev.assay.analysis.v1.OutcomeServiceGrpc;
import dev.assay.analysis.v1.RecordOutcomesRequest;
import dev.assay.analysis.v1.RecordOutcomesResponse;
import dev.assay.analysis.v1.ResultsServiceGrpc;
import dev.assay.assignment.v1.AnalysisPlan;
import dev.assay.assignment.v1.CreateExperimentRequest;
import dev.assay.assignment.v1.DefinitionServiceGrpc;
import dev.assay.assignment.v1.EvaluateRequest;
import dev.assay.assignment.v1.EvaluateResponse;
import dev.assay.assignment.v1.EvaluationServiceGrpc;
import dev.assay.assignment.v1.Experiment;
import dev.assay.assignment.v1.ExperimentAssignment;
import dev.assay.assignment.v1.ExperimentStatus;
import dev.assay.assignment.v1.GetExperimentRequest;
import dev.assay.assignment.v1.MonitorPolicy;
import dev.assay.assignment.v1.Variation;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

/**
 * What a backend and an internal tool do with Assay, over real gRPC: define metrics and an
 * experiment, evaluate units, report outcomes, read results.
 */
final class LoopClient implements AutoCloseable {
  private static final int IN_FLIGHT = 64;

  private final ManagedChannel assignment;
  private final ManagedChannel analysis;

  LoopClient(String assignmentAddress, String analysisAddress) {
    this.assignment = NettyChannelBuilder.forTarget(assignmentAddress).usePlaintext().build();
    this.analysis = NettyChannelBuilder.forTarget(analysisAddress).usePlaintext().build();
  }

  DefinitionServiceGrpc.DefinitionServiceBlockingStub definitions() {
    return DefinitionServiceGrpc.newBlockingStub(assignment)
        .withDeadlineAfter(10, TimeUnit.SECONDS);
  }

  EvaluationServiceGrpc.EvaluationServiceBlockingStub evaluation() {
    return EvaluationServiceGrpc.newBlockingStub(assignment)
        .withDeadlineAfter(10, TimeUnit.SECONDS);
  }

  OutcomeServiceGrpc.OutcomeServiceBlockingStub outcomes() {
    return OutcomeServiceGrpc.newBlockingStub(analysis).withDeadlineAfter(30, TimeUnit.SECONDS);
  }

  ResultsServiceGrpc.ResultsServiceBlockingStub results() {
    return ResultsServiceGrpc.newBlockingStub(analysis).withDeadlineAfter(10, TimeUnit.SECONDS);
  }

  ManagedChannel analysisChannel() {
    return analysis;
  }

  /** A conversion metric and a latency metric (a guardrail: 5% degradation tolerated). */
  void createMetrics(String purchase, String latency) {
    MetricServiceGrpc.MetricServiceBlockingStub metrics =
        MetricServiceGrpc.newBlockingStub(analysis).withDeadlineAfter(10, TimeUnit.SECONDS);
    metrics.createMetric(
        CreateMetricRequest.newBuilder()
            .setMetric(
                MetricDefinition.newBuilder()
                    .setKey(purchase)
                    .setKind(MetricKind.METRIC_KIND_CONVERSION)
                    .setDirection(MetricDirection.METRIC_DIRECTION_INCREASE_IS_BETTER)
                    .setAttributionWindow(Duration.newBuilder().setSeconds(7 * 86_400)))
            .build());
    metrics.createMetric(
        CreateMetricRequest.newBuilder()
            .setMetric(
                MetricDefinition.newBuilder()
                    .setKey(latency)
                    .setKind(MetricKind.METRIC_KIND_MEAN)
                    .setDirection(MetricDirection.METRIC_DIRECTION_DECREASE_IS_BETTER)
                    .setGuardrailMargin(0.05))
            .build());
  }

  /** A running 50/50 experiment judged on {@code purchase} with {@code latency} as a guardrail. */
  void createExperiment(
      String key, String purchase, String latency, long plannedUnits, MonitorPolicy monitor) {
    definitions()
        .createExperiment(
            CreateExperimentRequest.newBuilder()
                .setExperiment(
                    Experiment.newBuilder()
                        .setKey(key)
                        .setStatus(ExperimentStatus.EXPERIMENT_STATUS_RUNNING)
                        .addVariations(Variation.newBuilder().setKey("control"))
                        .addVariations(Variation.newBuilder().setKey("green"))
                        .setAnalysis(
                            AnalysisPlan.newBuilder()
                                .setPrimaryMetric(purchase)
                                .addGuardrailMetrics(latency)
                                .setPlannedUnits(plannedUnits)
                                .setMonitor(monitor)))
                .build());
  }

  Experiment experiment(String key) {
    return definitions()
        .getExperiment(GetExperimentRequest.newBuilder().setKey(key).build())
        .getExperiment();
  }

  /**
   * Evaluates {@code experimentKey} for every unit through {@code Evaluate}, {@value #IN_FLIGHT}
   * calls in flight, and returns each unit's variation index (-1 when not in the experiment).
   */
  ConcurrentMap<String, Integer> evaluateAll(List<String> unitIds, String experimentKey)
      throws InterruptedException {
    ConcurrentMap<String, Integer> variations = new ConcurrentHashMap<>();
    Semaphore inFlight = new Semaphore(IN_FLIGHT);
    AtomicReference<Throwable> failure = new AtomicReference<>();
    EvaluationServiceGrpc.EvaluationServiceFutureStub stub =
        EvaluationServiceGrpc.newFutureStub(assignment);
    for (String unit : unitIds) {
      inFlight.acquire();
      if (failure.get() != null) {
        break;
      }
      Futures.addCallback(
          stub.withDeadlineAfter(10, TimeUnit.SECONDS)
              .evaluate(
                  EvaluateRequest.newBuilder()
                      .setUnitId(unit)
                      .addExperimentKeys(experimentKey)
                      .build()),
          new FutureCallback<EvaluateResponse>() {
            @Override
            public void onSuccess(EvaluateResponse response) {
              ExperimentAssignment assigned = response.getAssignments(0);
              variations.put(unit, assigned.getInExperiment() ? assigned.getVariationIndex() : -1);
              inFlight.release();
            }

            @Override
            public void onFailure(Throwable t) {
              failure.compareAndSet(null, t);
              inFlight.release();
            }
          },
          MoreExecutors.directExecutor());
    }
    inFlight.acquire(IN_FLIGHT);
    inFlight.release(IN_FLIGHT);
    if (failure.get() != null) {
      throw new AssertionError("Evaluate failed", failure.get());
    }
    return variations;
  }

  /** The simulation's outcome events, {@code batchSize} per RecordOutcomes call. */
  List<RecordOutcomesRequest> outcomeBatches(
      SimulatedExperiment simulation,
      String purchase,
      String latency,
      Instant time,
      int batchSize) {
    List<OutcomeEvent> events = new ArrayList<>();
    Timestamp at = Timestamp.newBuilder().setSeconds(time.getEpochSecond()).build();
    for (SimulatedExperiment.UnitOutcomes unit : simulation.units()) {
      if (unit.purchased()) {
        events.add(event(unit.unitId() + "-purchase", unit.unitId(), purchase, 1.0, at));
      }
      for (int i = 0; i < unit.latencies().size(); i++) {
        events.add(
            event(
                unit.unitId() + "-latency-" + i,
                unit.unitId(),
                latency,
                unit.latencies().get(i),
                at));
      }
    }
    List<RecordOutcomesRequest> batches = new ArrayList<>();
    for (int from = 0; from < events.size(); from += batchSize) {
      batches.add(
          RecordOutcomesRequest.newBuilder()
              .addAllEvents(events.subList(from, Math.min(events.size(), from + batchSize)))
              .build());
    }
    return batches;
  }

  private static OutcomeEvent event(
      String id, String unit, String metric, double value, Timestamp time) {
    return OutcomeEvent.newBuilder()
        .setEventId(id)
        .setUnitId(unit)
        .setMetricKey(metric)
        .setValue(value)
        .setTime(time)
        .build();
  }

  RecordOutcomesResponse record(RecordOutcomesRequest batch) {
    return outcomes().recordOutcomes(batch);
  }

  /**
   * Records a batch the way a careful client does: {@code UNAVAILABLE} (for example while another
   * replica holds some of the same event ids) is safe to retry, so it retries with a short backoff.
   * Returns how many events this client recorded over all attempts.
   */
  long recordRetrying(RecordOutcomesRequest batch) throws InterruptedException {
    long recorded = 0;
    for (int attempt = 1; ; attempt++) {
      try {
        return recorded + record(batch).getRecorded();
      } catch (io.grpc.StatusRuntimeException e) {
        if (e.getStatus().getCode() != io.grpc.Status.Code.UNAVAILABLE || attempt == 20) {
          throw e;
        }
        Thread.sleep(20L * attempt);
      }
    }
  }

  ExperimentResults results(String experimentKey) {
    return results()
        .getExperimentResults(
            GetExperimentResultsRequest.newBuilder().setExperimentKey(experimentKey).build())
        .getResults();
  }

  /** Polls the results until {@code done} holds, or fails after {@code seconds}. */
  ExperimentResults awaitResults(
      String experimentKey, Predicate<ExperimentResults> done, int seconds)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    ExperimentResults last = null;
    while (System.nanoTime() < deadline) {
      try {
        last = results(experimentKey);
        if (done.test(last)) {
          return last;
        }
      } catch (io.grpc.StatusRuntimeException e) {
        if (e.getStatus().getCode() != io.grpc.Status.Code.NOT_FOUND) {
          throw e;
        }
      }
      Thread.sleep(100);
    }
    throw new AssertionError("results not as expected after " + seconds + " s: " + last);
  }

  /** Exposed units over all variations. */
  static long exposedUnits(ExperimentResults results) {
    return results.getVariationsList().stream().mapToLong(v -> v.getUnits()).sum();
  }

  @Override
  public void close() {
    assignment.shutdownNow();
    analysis.shutdownNow();
  }
}
