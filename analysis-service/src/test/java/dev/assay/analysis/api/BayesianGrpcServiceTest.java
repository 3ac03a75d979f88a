package dev.assay.analysis.api;

import static dev.assay.runtime.testing.GrpcAssertions.invalidFields;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assay.analysis.v1.BayesianServiceGrpc;
import dev.assay.analysis.v1.BayesianServiceGrpc.BayesianServiceBlockingStub;
import dev.assay.analysis.v1.BetaPrior;
import dev.assay.analysis.v1.BinomialCounts;
import dev.assay.analysis.v1.CompareMeansRequest;
import dev.assay.analysis.v1.CompareMeansResponse;
import dev.assay.analysis.v1.CompareProportionsRequest;
import dev.assay.analysis.v1.CompareProportionsResponse;
import dev.assay.analysis.v1.NormalPrior;
import dev.assay.analysis.v1.SampleSummary;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The Bayesian RPCs over an in-process server. */
class BayesianGrpcServiceTest {
  @RegisterExtension static final InProcessAnalysis grpc = new InProcessAnalysis();

  private final BayesianServiceBlockingStub stub = grpc.stub(BayesianServiceGrpc::newBlockingStub);

  private static BinomialCounts counts(long successes, long trials) {
    return BinomialCounts.newBuilder().setSuccesses(successes).setTrials(trials).build();
  }

  @Test
  void proportionsComparesEveryVariantWithControl() {
    CompareProportionsResponse response =
        stub.compareProportions(
            CompareProportionsRequest.newBuilder()
                .setControl(counts(120, 1000))
                .addVariants(counts(150, 1000))
                .addVariants(counts(120, 1000))
                .build());
    assertEquals(2, response.getVariantsCount());
    assertEquals(0.9750678368121442, response.getVariants(0).getProbabilityBeatsControl(), 1e-12);
    assertEquals(0.5, response.getVariants(1).getProbabilityBeatsControl(), 1e-12);
    assertEquals(
        response.getVariants(1).getExpectedLossIfShipped(),
        response.getVariants(1).getExpectedLossIfKept(),
        1e-15);
    assertEquals(121.0, response.getControl().getAlpha());
  }

  @Test
  void proportionsValidatesCountsPriorAndLevel() {
    assertEquals(
        List.of("control.successes", "variants", "prior.alpha", "credible_level"),
        invalidFields(
            () ->
                stub.compareProportions(
                    CompareProportionsRequest.newBuilder()
                        .setControl(counts(5, 4))
                        .setPrior(BetaPrior.newBuilder().setAlpha(0.5))
                        .setCredibleLevel(2)
                        .build())));
  }

  @Test
  void meansWithFlatAndConjugatePriors() {
    SampleSummary control =
        SampleSummary.newBuilder().setCount(1000).setMean(10).setVariance(4).build();
    SampleSummary variant =
        SampleSummary.newBuilder().setCount(1100).setMean(10.2).setVariance(4.4).build();
    CompareMeansResponse flat =
        stub.compareMeans(
            CompareMeansRequest.newBuilder().setControl(control).addVariants(variant).build());
    assertEquals(0.9873263406612656, flat.getVariants(0).getProbabilityBeatsControl(), 1e-12);
    CompareMeansResponse shrunk =
        stub.compareMeans(
            CompareMeansRequest.newBuilder()
                .setControl(control)
                .addVariants(variant)
                .setPrior(NormalPrior.newBuilder().setMean(10).setVariance(0.001))
                .build());
    assertTrue(
        shrunk.getVariants(0).getProbabilityBeatsControl()
            < flat.getVariants(0).getProbabilityBeatsControl());
    assertEquals(
        List.of("variants[0].variance", "prior.variance"),
        invalidFields(
            () ->
                stub.compareMeans(
                    CompareMeansRequest.newBuilder()
                        .setControl(control)
                        .addVariants(variant.toBuilder().setVariance(0))
                        .setPrior(NormalPrior.newBuilder().setVariance(-1))
                        .build())));
  }
}
