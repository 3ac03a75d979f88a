package dev.assay.analysis.api;

import dev.assay.analysis.v1.BayesianServiceGrpc;
import dev.assay.analysis.v1.ExperimentAnalysisServiceGrpc;
import dev.assay.analysis.v1.HypothesisTestServiceGrpc;
import dev.assay.analysis.v1.ModelComparisonServiceGrpc;
import dev.assay.analysis.v1.MonitorServiceGrpc;
import dev.assay.analysis.v1.PowerServiceGrpc;
import dev.assay.analysis.v1.ResultsServiceGrpc;
import dev.assay.analysis.v1.SequentialTestServiceGrpc;
import dev.assay.runtime.security.MethodScopes;
import dev.assay.runtime.security.Scope;

/**
 * The scope each analysis RPC requires: {@code analysis} for the statistics over what the caller
 * sends, {@code results} for live results and the monitor's record.
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
          .requireAll(ResultsServiceGrpc.getServiceDescriptor(), Scope.RESULTS)
          .requireAll(MonitorServiceGrpc.getServiceDescriptor(), Scope.RESULTS)
          .build();

  private AnalysisScopes() {}
}
