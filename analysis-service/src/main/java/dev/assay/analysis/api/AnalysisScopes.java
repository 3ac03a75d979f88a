package dev.assay.analysis.api;

import dev.assay.analysis.v1.BayesianServiceGrpc;
import dev.assay.analysis.v1.ExperimentAnalysisServiceGrpc;
import dev.assay.analysis.v1.ExposureServiceGrpc;
import dev.assay.analysis.v1.HypothesisTestServiceGrpc;
import dev.assay.analysis.v1.MetricServiceGrpc;
import dev.assay.analysis.v1.ModelComparisonServiceGrpc;
import dev.assay.analysis.v1.MonitorServiceGrpc;
import dev.assay.analysis.v1.OutcomeServiceGrpc;
import dev.assay.analysis.v1.PowerServiceGrpc;
import dev.assay.analysis.v1.ResultsServiceGrpc;
import dev.assay.analysis.v1.SequentialTestServiceGrpc;
import dev.assay.runtime.security.MethodScopes;
import dev.assay.runtime.security.Scope;

/**
 * The scope each analysis RPC requires: {@code analysis} for the statistics over what the caller
 * sends; for the experiment loop, {@code metrics:read} / {@code metrics:write} for metric
 * definitions, {@code exposures:write}, {@code outcomes:write}, {@code events:read} (exports) and
 * {@code results} for live results and the monitor's record.
 */
public final class AnalysisScopes {
  /** Every analysis method and its scope. */
  public static final MethodScopes TABLE =
      MethodScopes.builder()
          .requireAll(HypothesisTestServiceGrpc.getServiceDescriptor(), Scope.ANALYSIS)
          .requireAll(PowerServiceGrpc.getServiceDescriptor(), Scope.ANALYSIS)
          .requireAll(BayesianServiceGrpc.getServiceDescriptor(), Scope.ANALYSIS)
          .requireAll(SequentialTestServiceGrpc.getServiceDescriptor(), Scope.ANALYSIS)
          .requireAll(ExperimentAnalysisServiceGrpc.getServiceDescriptor(), Scope.ANALYSIS)
          .requireAll(ModelComparisonServiceGrpc.getServiceDescriptor(), Scope.ANALYSIS)
          .require(MetricServiceGrpc.getGetMetricMethod(), Scope.METRICS_READ)
          .require(MetricServiceGrpc.getListMetricsMethod(), Scope.METRICS_READ)
          .require(MetricServiceGrpc.getCreateMetricMethod(), Scope.METRICS_WRITE)
          .require(MetricServiceGrpc.getUpdateMetricMethod(), Scope.METRICS_WRITE)
          .require(ExposureServiceGrpc.getIngestExposuresMethod(), Scope.EXPOSURES_WRITE)
          .require(ExposureServiceGrpc.getExportExposuresMethod(), Scope.EVENTS_READ)
          .require(OutcomeServiceGrpc.getRecordOutcomesMethod(), Scope.OUTCOMES_WRITE)
          .require(OutcomeServiceGrpc.getStreamOutcomesMethod(), Scope.OUTCOMES_WRITE)
          .require(OutcomeServiceGrpc.getExportOutcomesMethod(), Scope.EVENTS_READ)
          .requireAll(ResultsServiceGrpc.getServiceDescriptor(), Scope.RESULTS)
          .requireAll(MonitorServiceGrpc.getServiceDescriptor(), Scope.RESULTS)
          .build();

  private AnalysisScopes() {}
}
