package dev.assay.analysis.api;

import static dev.assay.runtime.testing.GrpcAssertions.invalidFields;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.assay.analysis.v1.AnalyzeExperimentRequest;
import dev.assay.analysis.v1.AnalyzeExperimentResponse;
import dev.assay.analysis.v1.ArmMetric;
import dev.assay.analysis.v1.BinomialCounts;
import dev.assay.analysis.v1.ExperimentAnalysisServiceGrpc;
import dev.assay.analysis.v1.ExperimentAnalysisServiceGrpc.ExperimentAnalysisServiceBlockingStub;
import dev.assay.analysis.v1.Guardrail;
import dev.assay.analysis.v1.GuardrailStatus;
import dev.assay.analysis.v1.Metric;
import dev.assay.analysis.v1.MetricDirection;
import dev.assay.analysis.v1.Recommendation;
import dev.assay.analysis.v1.SampleSummary;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The whole-experiment RPC over an in-process server. */
class ExperimentGrpcServiceTest {
  @RegisterExtension static final InProcessAnalysis grpc = new InProcessAnalysis();

  private final ExperimentAnalysisServiceBlockingStub stub =
      grpc.stub(ExperimentAnalysisServiceGrpc::newBlockingStub);

  private static ArmMetric counts(long successes, long trials) {
    return ArmMetric.newBuilder()
        .setCounts(BinomialCounts.newBuilder().setSuccesses(successes).setTrials(trials))
        .build();
  }

  private static ArmMetric latency(double mean) {
    return ArmMetric.newBuilder()
        .setSummary(SampleSummary.newBuilder().setCount(10_000).setMean(mean).setVariance(400))
        .build();
  }

  private static AnalyzeExperimentRequest.Builder request() {
    return AnalyzeExperimentRequest.newBuilder()
        .addAllArmNames(List.of("control", "treatment"))
        .addAllAssignedUnits(List.of(10_000L, 10_040L))
        .addAllExpectedWeights(List.of(0.5, 0.5))
        .setPrimaryMetric(
            Metric.newBuilder()
                .setName("conversion")
                .addArms(counts(1000, 10_000))
                .addArms(counts(1150, 10_040)))
        .addGuardrails(
            Guardrail.newBuilder()
                .setRelativeMargin(0.02)
                .setMetric(
                    Metric.newBuilder()
                        .setName("latency")
                        .setDirection(MetricDirection.METRIC_DIRECTION_DECREASE_IS_BETTER)
                        .addArms(latency(200))
                        .addArms(latency(199.5))));
  }

  @Test
  void recommendsShippingAWinnerThatPassesItsGuardrails() {
    AnalyzeExperimentResponse response = stub.analyzeExperiment(request().build());
    assertEquals(Recommendation.RECOMMENDATION_SHIP, response.getRecommendation());
    assertEquals("treatment", response.getRecommendedArm());
    assertEquals(
        GuardrailStatus.GUARDRAIL_STATUS_PASSED,
        response.getVariants(0).getGuardrails(0).getStatus());
    assertEquals(4.0, response.getVariants(0).getGuardrails(0).getMargin(), 1e-12);
  }

  @Test
  void namesEveryInconsistentField() {
    assertEquals(
        List.of(
            "expected_weights", "alpha", "primary_metric.arms[1]", "guardrails[0].relative_margin"),
        invalidFields(
            () ->
                stub.analyzeExperiment(
                    request()
                        .clearExpectedWeights()
                        .addExpectedWeights(1)
                        .setAlpha(0.6)
                        .setPrimaryMetric(
                            Metric.newBuilder().addArms(counts(10, 100)).addArms(latency(3)))
                        .setGuardrails(
                            0, request().getGuardrails(0).toBuilder().setRelativeMargin(-1))
                        .build())));
  }
}
