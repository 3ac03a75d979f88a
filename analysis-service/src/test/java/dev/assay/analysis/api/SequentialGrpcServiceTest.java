package dev.assay.analysis.api;

import static dev.assay.runtime.testing.GrpcAssertions.invalidFields;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assay.analysis.v1.AnalyzeAlwaysValidRequest;
import dev.assay.analysis.v1.AnalyzeAlwaysValidResponse;
import dev.assay.analysis.v1.BinomialCounts;
import dev.assay.analysis.v1.ComputeBoundariesRequest;
import dev.assay.analysis.v1.ComputeBoundariesResponse;
import dev.assay.analysis.v1.SampleSummary;
import dev.assay.analysis.v1.SequentialLook;
import dev.assay.analysis.v1.SequentialTestServiceGrpc;
import dev.assay.analysis.v1.SequentialTestServiceGrpc.SequentialTestServiceBlockingStub;
import dev.assay.analysis.v1.SpendingFunction;
import dev.assay.analysis.v1.TwoProportions;
import dev.assay.analysis.v1.TwoSummaries;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The sequential-testing RPCs over an in-process server. */
class SequentialGrpcServiceTest {
  @RegisterExtension static final InProcessAnalysis grpc = new InProcessAnalysis();

  private final SequentialTestServiceBlockingStub stub =
      grpc.stub(SequentialTestServiceGrpc::newBlockingStub);

  private static SequentialLook proportions(long c, long nc, long t, long nt) {
    return SequentialLook.newBuilder()
        .setProportions(
            TwoProportions.newBuilder()
                .setControl(BinomialCounts.newBuilder().setSuccesses(c).setTrials(nc))
                .setTreatment(BinomialCounts.newBuilder().setSuccesses(t).setTrials(nt)))
        .build();
  }

  @Test
  void alwaysValidPValuesNeverIncreaseAndSequencesNeverWiden() {
    AnalyzeAlwaysValidResponse response =
        stub.analyzeAlwaysValid(
            AnalyzeAlwaysValidRequest.newBuilder()
                .addLooks(proportions(100, 1000, 130, 1000))
                .addLooks(proportions(200, 2000, 240, 2000))
                .addLooks(proportions(300, 3000, 390, 3000))
                .setMixingVariance(1e-4)
                .build());
    assertEquals(3, response.getLooksCount());
    for (int i = 1; i < 3; i++) {
      assertTrue(response.getLooks(i).getPValue() <= response.getLooks(i - 1).getPValue());
      assertTrue(
          response.getLooks(i).getConfidenceSequence().getLower()
              >= response.getLooks(i - 1).getConfidenceSequence().getLower());
      assertTrue(
          response.getLooks(i).getConfidenceSequence().getUpper()
              <= response.getLooks(i - 1).getConfidenceSequence().getUpper());
    }
  }

  @Test
  void alwaysValidRejectsBadLooks() {
    SequentialLook badMeans =
        SequentialLook.newBuilder()
            .setMeans(
                TwoSummaries.newBuilder()
                    .setControl(SampleSummary.newBuilder().setCount(1).setMean(1).setVariance(1))
                    .setTreatment(
                        SampleSummary.newBuilder().setCount(10).setMean(1).setVariance(1)))
            .build();
    assertEquals(
        List.of(
            "looks[0].means.control.count",
            "looks[1].proportions.treatment.successes",
            "looks[2]",
            "mixing_variance"),
        invalidFields(
            () ->
                stub.analyzeAlwaysValid(
                    AnalyzeAlwaysValidRequest.newBuilder()
                        .addLooks(badMeans)
                        .addLooks(proportions(1, 10, 11, 10))
                        .addLooks(SequentialLook.getDefaultInstance())
                        .build())));
  }

  @Test
  void boundariesMatchPublishedObrienFlemingValues() {
    ComputeBoundariesResponse response =
        stub.computeBoundaries(
            ComputeBoundariesRequest.newBuilder()
                .addAllInformationFractions(List.of(0.2, 0.4, 0.6, 0.8, 1.0))
                .setOneSided(true)
                .setSpendingFunction(SpendingFunction.SPENDING_FUNCTION_OBRIEN_FLEMING)
                .build());
    assertEquals(4.877, response.getBoundaries(0).getCriticalValue(), 5e-4);
    assertEquals(2.031, response.getBoundaries(4).getCriticalValue(), 5e-4);
    assertEquals(0.025, response.getBoundaries(4).getCumulativeAlphaSpent(), 1e-15);
  }

  @Test
  void boundariesRejectUnorderedFractionsAndBadAlpha() {
    assertEquals(
        List.of("information_fractions[1]", "alpha"),
        invalidFields(
            () ->
                stub.computeBoundaries(
                    ComputeBoundariesRequest.newBuilder()
                        .addAllInformationFractions(List.of(0.5, 0.4, 1.0))
                        .setAlpha(1.5)
                        .build())));
  }
}
