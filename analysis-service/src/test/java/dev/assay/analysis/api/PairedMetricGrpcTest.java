package dev.assay.analysis.api;

import static dev.assay.runtime.testing.GrpcAssertions.invalidFields;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assay.analysis.v1.CovariateSample;
import dev.assay.analysis.v1.CovariateSummary;
import dev.assay.analysis.v1.CupedSamples;
import dev.assay.analysis.v1.CupedSummaries;
import dev.assay.analysis.v1.CupedTestRequest;
import dev.assay.analysis.v1.CupedTestResponse;
import dev.assay.analysis.v1.HypothesisTestServiceGrpc;
import dev.assay.analysis.v1.HypothesisTestServiceGrpc.HypothesisTestServiceBlockingStub;
import dev.assay.analysis.v1.RatioMetricTestRequest;
import dev.assay.analysis.v1.RatioMetricTestResponse;
import dev.assay.analysis.v1.RatioSample;
import dev.assay.analysis.v1.RatioSamples;
import dev.assay.analysis.v1.RatioSummaries;
import dev.assay.analysis.v1.RatioSummary;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** CUPED and ratio-metric RPCs over an in-process server. */
class PairedMetricGrpcTest {
  @RegisterExtension static final InProcessAnalysis grpc = new InProcessAnalysis();

  private final HypothesisTestServiceBlockingStub stub =
      grpc.stub(HypothesisTestServiceGrpc::newBlockingStub);

  private static CovariateSample covariateSample(Random random, int n, double lift) {
    CovariateSample.Builder sample = CovariateSample.newBuilder();
    for (int i = 0; i < n; i++) {
      double x = 10 + 2 * random.nextGaussian();
      sample.addCovariates(x).addValues(0.8 * x + lift + 0.5 * random.nextGaussian());
    }
    return sample.build();
  }

  @Test
  void cupedReducesVarianceAndMatchesItsSummaryForm() {
    Random random = new Random(5);
    CupedTestResponse raw =
        stub.cupedTest(
            CupedTestRequest.newBuilder()
                .setSamples(
                    CupedSamples.newBuilder()
                        .setControl(covariateSample(random, 200, 0))
                        .setTreatment(covariateSample(random, 210, 0.2)))
                .build());
    assertTrue(raw.getVarianceReduction() > 0.5, "reduction " + raw.getVarianceReduction());
    assertTrue(raw.getAdjusted().getPValue() < raw.getUnadjusted().getPValue());
    CupedTestResponse summarized =
        stub.cupedTest(
            CupedTestRequest.newBuilder()
                .setSummaries(
                    CupedSummaries.newBuilder()
                        .setControl(
                            CovariateSummary.newBuilder()
                                .setCount(50)
                                .setMean(5)
                                .setVariance(4)
                                .setCovariateMean(6)
                                .setCovariateVariance(4)
                                .setCovariance(3))
                        .setTreatment(
                            CovariateSummary.newBuilder()
                                .setCount(60)
                                .setMean(5.5)
                                .setVariance(4)
                                .setCovariateMean(6.1)
                                .setCovariateVariance(4)
                                .setCovariance(3)))
                .build());
    assertTrue(summarized.getTheta() > 0.7 && summarized.getTheta() < 0.8);
  }

  @Test
  void cupedRejectsMismatchedColumnsAndConstantCovariates() {
    assertEquals(
        List.of("samples.control.covariates"),
        invalidFields(
            () ->
                stub.cupedTest(
                    CupedTestRequest.newBuilder()
                        .setSamples(
                            CupedSamples.newBuilder()
                                .setControl(
                                    CovariateSample.newBuilder()
                                        .addValues(1)
                                        .addValues(2)
                                        .addValues(3)
                                        .addCovariates(1))
                                .setTreatment(covariateSample(new Random(1), 5, 0)))
                        .build())));
    CovariateSample constant =
        CovariateSample.newBuilder()
            .addValues(1)
            .addValues(2)
            .addCovariates(3)
            .addCovariates(3)
            .build();
    assertEquals(
        List.of("samples"),
        invalidFields(
            () ->
                stub.cupedTest(
                    CupedTestRequest.newBuilder()
                        .setSamples(
                            CupedSamples.newBuilder().setControl(constant).setTreatment(constant))
                        .build())));
  }

  @Test
  void ratioMetricAnswersAndValidates() {
    RatioSample.Builder control = RatioSample.newBuilder();
    RatioSample.Builder treatment = RatioSample.newBuilder();
    Random random = new Random(9);
    for (int i = 0; i < 300; i++) {
      int sessions = 1 + random.nextInt(8);
      control
          .addDenominators(sessions)
          .addNumerators(Math.floor(sessions * 0.1 + random.nextDouble()));
      treatment
          .addDenominators(sessions)
          .addNumerators(Math.floor(sessions * 0.15 + random.nextDouble()));
    }
    RatioMetricTestResponse response =
        stub.ratioMetricTest(
            RatioMetricTestRequest.newBuilder()
                .setSamples(RatioSamples.newBuilder().setControl(control).setTreatment(treatment))
                .build());
    assertTrue(response.getPValue() >= 0 && response.getPValue() <= 1);
    assertEquals(
        response.getTreatmentRatio() - response.getControlRatio(), response.getDifference(), 1e-15);
    assertEquals(
        List.of("summaries.control.denominator_mean", "summaries.treatment.count"),
        invalidFields(
            () ->
                stub.ratioMetricTest(
                    RatioMetricTestRequest.newBuilder()
                        .setSummaries(
                            RatioSummaries.newBuilder()
                                .setControl(
                                    RatioSummary.newBuilder()
                                        .setCount(10)
                                        .setDenominatorMean(Double.NaN))
                                .setTreatment(
                                    RatioSummary.newBuilder().setCount(1).setDenominatorMean(1)))
                        .build())));
    assertEquals(
        List.of("summaries.control"),
        invalidFields(
            () ->
                stub.ratioMetricTest(
                    RatioMetricTestRequest.newBuilder()
                        .setSummaries(
                            RatioSummaries.newBuilder()
                                .setControl(
                                    RatioSummary.newBuilder()
                                        .setCount(10)
                                        .setNumeratorMean(1)
                                        .setNumeratorVariance(1))
                                .setTreatment(
                                    RatioSummary.newBuilder()
                                        .setCount(10)
                                        .setDenominatorMean(1)
                                        .setNumeratorVariance(1)))
                        .build())));
  }
}
