package dev.assay.analysis.api;

import static java.util.stream.Collectors.toSet;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.assay.analysis.v1.BayesianServiceGrpc;
import dev.assay.analysis.v1.ExperimentAnalysisServiceGrpc;
import dev.assay.analysis.v1.HypothesisTestServiceGrpc;
import dev.assay.analysis.v1.ModelComparisonServiceGrpc;
import dev.assay.analysis.v1.PowerServiceGrpc;
import dev.assay.analysis.v1.SequentialTestServiceGrpc;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The list of services every analysis server runs. */
class AnalysisApiTest {
  @Test
  void bindsEveryRpcOfEveryAnalysisService() {
    // Binding fails for a service with an RPC left out, so this also checks every RPC is bound.
    assertEquals(
        Set.of(
            HypothesisTestServiceGrpc.SERVICE_NAME,
            PowerServiceGrpc.SERVICE_NAME,
            BayesianServiceGrpc.SERVICE_NAME,
            SequentialTestServiceGrpc.SERVICE_NAME,
            ExperimentAnalysisServiceGrpc.SERVICE_NAME,
            ModelComparisonServiceGrpc.SERVICE_NAME),
        AnalysisApi.services().stream()
            .map(service -> service.bindService().getServiceDescriptor().getName())
            .collect(toSet()));
  }
}
