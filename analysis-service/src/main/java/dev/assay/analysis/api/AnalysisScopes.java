package dev.assay.analysis.api;

import dev.assay.analysis.v1.BayesianServiceGrpc;
import dev.assay.analysis.v1.ExperimentAnalysisServiceGrpc;
import dev.assay.analysis.v1.HypothesisTestServiceGrpc;
import dev.assay.analysis.v1.ModelComparisonServiceGrpc;
import dev.assay.analysis.v1.PowerServiceGrpc;
import dev.assay.analysis.v1.SequentialTestServiceGrpc;
import dev.assay.runtime.security.MethodScopes;
import dev.assay.runtime.security.Scope;

/** The scope each analysis RPC requires: all of them are statistics over what the caller sends. */
public final class AnalysisScopes {
  /** Every analysis method → {@code analysis}. */
  public static final MethodScopes TABLE =
      MethodScopes.builder()
          .requireAll(HypothesisTestServiceGrpc.getServiceDescriptor(), Scope.ANALYSIS)
          .requireAll(PowerServiceGrpc.getServiceDescriptor(), Scope.ANALYSIS)
          .requireAll(BayesianServiceGrpc.getServiceDescriptor(), Scope.ANALYSIS)
          .requireAll(SequentialTestServiceGrpc.getServiceDescriptor(), Scope.ANALYSIS)
          .requireAll(ExperimentAnalysisServiceGrpc.getServiceDescriptor(), Scope.ANALYSIS)
          .requireAll(ModelComparisonServiceGrpc.getServiceDescriptor(), Scope.ANALYSIS)
          .build();

  private AnalysisScopes() {}
}
