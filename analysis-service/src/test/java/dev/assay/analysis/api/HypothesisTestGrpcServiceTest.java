package dev.assay.analysis.api;

import static dev.assay.runtime.testing.GrpcAssertions.invalidFields;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assay.analysis.v1.AdjustPValuesRequest;
import dev.assay.analysis.v1.AdjustPValuesResponse;
import dev.assay.analysis.v1.Alternative;
import dev.assay.analysis.v1.BinomialCounts;
import dev.assay.analysis.v1.CheckSampleRatioRequest;
import dev.assay.analysis.v1.ChiSquareTestRequest;
import dev.assay.analysis.v1.ChiSquareTestResponse;
import dev.assay.analysis.v1.CorrectionMethod;
import dev.assay.analysis.v1.HypothesisTestServiceGrpc;
import dev.assay.analysis.v1.HypothesisTestServiceGrpc.HypothesisTestServiceBlockingStub;
import dev.assay.analysis.v1.MannWhitneyMethod;
import dev.assay.analysis.v1.MannWhitneyOptions;
import dev.assay.analysis.v1.MannWhitneyResult;
import dev.assay.analysis.v1.MannWhitneyTestRequest;
import dev.assay.analysis.v1.ProportionIntervalMethod;
import dev.assay.analysis.v1.ProportionIntervalRequest;
import dev.assay.analysis.v1.ProportionIntervalResponse;
import dev.assay.analysis.v1.Sample;
import dev.assay.analysis.v1.SampleSummary;
import dev.assay.analysis.v1.StreamMannWhitneyTestRequest;
import dev.assay.analysis.v1.StreamMannWhitneyTestResponse;
import dev.assay.analysis.v1.StreamTTestRequest;
import dev.assay.analysis.v1.StreamTTestResponse;
import dev.assay.analysis.v1.TTestOptions;
import dev.assay.analysis.v1.TTestRequest;
import dev.assay.analysis.v1.TTestResult;
import dev.assay.analysis.v1.TableRow;
import dev.assay.analysis.v1.TwoProportionTestRequest;
import dev.assay.analysis.v1.TwoProportionTestResponse;
import dev.assay.analysis.v1.TwoSamples;
import dev.assay.analysis.v1.TwoSummaries;
import io.grpc.stub.StreamObserver;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The hypothesis-test RPCs over an in-process server with the real service and error mapping. */
class HypothesisTestGrpcServiceTest {
  @RegisterExtension static final InProcessAnalysis grpc = new InProcessAnalysis();

  private final HypothesisTestServiceBlockingStub stub =
      grpc.stub(HypothesisTestServiceGrpc::newBlockingStub);

  private static Sample sample(double... values) {
    Sample.Builder sample = Sample.newBuilder();
    for (double v : values) {
      sample.addValues(v);
    }
    return sample.build();
  }

  private static TTestRequest rawRequest(Sample control, Sample treatment) {
    return TTestRequest.newBuilder()
        .setSamples(TwoSamples.newBuilder().setControl(control).setTreatment(treatment))
        .build();
  }

  @Test
  void rawAndSummaryTTestsAgree() {
    TTestResult raw =
        stub.tTest(rawRequest(sample(1, 2, 3, 4), sample(2, 4, 6, 8, 10))).getResult();
    TTestResult summarized =
        stub.tTest(
                TTestRequest.newBuilder()
                    .setSummaries(
                        TwoSummaries.newBuilder()
                            .setControl(
                                SampleSummary.newBuilder()
                                    .setCount(4)
                                    .setMean(2.5)
                                    .setVariance(5.0 / 3))
                            .setTreatment(
                                SampleSummary.newBuilder().setCount(5).setMean(6).setVariance(10)))
                    .build())
            .getResult();
    assertEquals(raw.getStatistic(), summarized.getStatistic(), 1e-12);
    assertEquals(raw.getPValue(), summarized.getPValue(), 1e-12);
    assertEquals(3.5, raw.getDifference(), 1e-12);
    assertTrue(raw.getHasRelativeLift());
    assertEquals(6 / 2.5 - 1, raw.getRelativeLift(), 1e-12);
    assertTrue(
        raw.getDifferenceInterval().getLower() < 3.5
            && raw.getDifferenceInterval().getUpper() > 3.5);
  }

  @Test
  void tTestNamesTheBadValue() {
    assertEquals(
        List.of("samples.control.values[3]"),
        invalidFields(() -> stub.tTest(rawRequest(sample(1, 2, 3, Double.NaN), sample(1, 2)))));
    assertEquals(
        List.of("samples.treatment.values[0]"),
        invalidFields(
            () -> stub.tTest(rawRequest(sample(1, 2), sample(Double.POSITIVE_INFINITY, 2)))));
  }

  @Test
  void tTestRejectsValuesBeyondTheDocumentedMagnitude() {
    // Values are at most 1e100 in magnitude, so their variance cannot overflow.
    assertEquals(
        List.of("samples.control.values[0]"),
        invalidFields(() -> stub.tTest(rawRequest(sample(-1e300, 1e300, 0), sample(1, 2)))));
  }

  @Test
  void tTestRejectsSummariesWhoseDegreesOfFreedomUnderflow() {
    assertEquals(
        List.of("summaries"),
        invalidFields(
            () ->
                stub.tTest(
                    TTestRequest.newBuilder()
                        .setSummaries(
                            TwoSummaries.newBuilder()
                                .setControl(
                                    SampleSummary.newBuilder()
                                        .setCount(5)
                                        .setMean(1)
                                        .setVariance(1e-320))
                                .setTreatment(
                                    SampleSummary.newBuilder()
                                        .setCount(5)
                                        .setMean(2)
                                        .setVariance(1e-320)))
                        .build())));
  }

  @Test
  void tTestRejectsTinySamplesZeroVarianceBadLevelAndMissingInput() {
    assertEquals(
        List.of("samples.control.values", "samples.treatment.values"),
        invalidFields(() -> stub.tTest(rawRequest(sample(1), sample()))));
    assertEquals(
        List.of("samples"),
        invalidFields(() -> stub.tTest(rawRequest(sample(3, 3), sample(4, 4, 4)))));
    assertEquals(
        List.of("options.confidence_level"),
        invalidFields(
            () ->
                stub.tTest(
                    rawRequest(sample(1, 2), sample(3, 5)).toBuilder()
                        .setOptions(TTestOptions.newBuilder().setConfidenceLevel(1.0))
                        .build())));
    assertEquals(
        List.of("input"), invalidFields(() -> stub.tTest(TTestRequest.getDefaultInstance())));
    assertEquals(
        List.of("summaries.control.count", "summaries.treatment.variance"),
        invalidFields(
            () ->
                stub.tTest(
                    TTestRequest.newBuilder()
                        .setSummaries(
                            TwoSummaries.newBuilder()
                                .setControl(SampleSummary.newBuilder().setCount(1).setMean(1))
                                .setTreatment(
                                    SampleSummary.newBuilder().setCount(5).setVariance(-1)))
                        .build())));
  }

  @Test
  void streamedTTestMatchesUnary() throws Exception {
    Random random = new Random(7);
    double[] control = random.doubles(1000).toArray();
    double[] treatment = random.doubles(1200).map(v -> v + 0.05).toArray();
    TTestResult unary = stub.tTest(rawRequest(sample(control), sample(treatment))).getResult();
    CompletableFuture<StreamTTestResponse> answer = new CompletableFuture<>();
    StreamObserver<StreamTTestRequest> requests =
        grpc.stub(HypothesisTestServiceGrpc::newStub).streamTTest(observer(answer));
    for (int start = 0; start < 1200; start += 300) {
      StreamTTestRequest.Builder chunk = StreamTTestRequest.newBuilder();
      for (int i = start; i < Math.min(start + 300, 1000); i++) {
        chunk.addControlValues(control[i]);
      }
      for (int i = start; i < start + 300; i++) {
        chunk.addTreatmentValues(treatment[i]);
      }
      requests.onNext(chunk.build());
    }
    requests.onCompleted();
    TTestResult streamed = answer.get(10, TimeUnit.SECONDS).getResult();
    assertEquals(unary.getStatistic(), streamed.getStatistic(), 1e-10);
    assertEquals(unary.getPValue(), streamed.getPValue(), 1e-12);
    assertEquals(unary.getDegreesOfFreedom(), streamed.getDegreesOfFreedom(), 1e-8);
  }

  @Test
  void streamedTTestNamesTheBadValueByItsPositionInTheStream() {
    CompletableFuture<StreamTTestResponse> answer = new CompletableFuture<>();
    StreamObserver<StreamTTestRequest> requests =
        grpc.stub(HypothesisTestServiceGrpc::newStub).streamTTest(observer(answer));
    requests.onNext(
        StreamTTestRequest.newBuilder().addTreatmentValues(1).addTreatmentValues(2).build());
    requests.onNext(StreamTTestRequest.newBuilder().addTreatmentValues(Double.NaN).build());
    requests.onCompleted();
    ExecutionException e =
        org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class, answer::get);
    assertEquals(List.of("treatment_values[2]"), invalidFields(e.getCause()));

    CompletableFuture<StreamTTestResponse> tooFew = new CompletableFuture<>();
    StreamObserver<StreamTTestRequest> second =
        grpc.stub(HypothesisTestServiceGrpc::newStub).streamTTest(observer(tooFew));
    second.onNext(
        StreamTTestRequest.newBuilder()
            .addControlValues(1)
            .addTreatmentValues(2)
            .addTreatmentValues(3)
            .build());
    second.onCompleted();
    ExecutionException e2 =
        org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class, tooFew::get);
    assertEquals(List.of("control_values"), invalidFields(e2.getCause()));
  }

  @Test
  void mannWhitneyUnaryAndStreamedAgree() throws Exception {
    double[] control = {1.1, 2.3, 2.9, 4.0, 5.5, 0.2, 3.3, 7.1, 6.0};
    double[] treatment = {3.5, 4.4, 6.6, 8.1, 9.0, 7.7, 5.2, 10.1, 2.2, 8.8};
    MannWhitneyResult unary =
        stub.mannWhitneyTest(
                MannWhitneyTestRequest.newBuilder()
                    .setSamples(
                        TwoSamples.newBuilder()
                            .setControl(sample(control))
                            .setTreatment(sample(treatment)))
                    .build())
            .getResult();
    assertEquals(MannWhitneyMethod.MANN_WHITNEY_METHOD_ASYMPTOTIC, unary.getMethod());
    CompletableFuture<StreamMannWhitneyTestResponse> answer = new CompletableFuture<>();
    StreamObserver<StreamMannWhitneyTestRequest> requests =
        grpc.stub(HypothesisTestServiceGrpc::newStub).streamMannWhitneyTest(observer(answer));
    for (int i = 0; i < treatment.length; i++) {
      StreamMannWhitneyTestRequest.Builder chunk =
          StreamMannWhitneyTestRequest.newBuilder().addTreatmentValues(treatment[i]);
      if (i < control.length) {
        chunk.addControlValues(control[i]);
      }
      requests.onNext(chunk.build());
    }
    requests.onCompleted();
    MannWhitneyResult streamed = answer.get(10, TimeUnit.SECONDS).getResult();
    assertEquals(unary.getUStatistic(), streamed.getUStatistic(), 0.0);
    assertEquals(unary.getPValue(), streamed.getPValue(), 0.0);
  }

  @Test
  void mannWhitneyRejectsEmptyConstantAndTiedExactInputs() {
    assertEquals(
        List.of("samples.control.values"),
        invalidFields(
            () ->
                stub.mannWhitneyTest(
                    MannWhitneyTestRequest.newBuilder()
                        .setSamples(TwoSamples.newBuilder().setTreatment(sample(1, 2)))
                        .build())));
    assertEquals(
        List.of("samples"),
        invalidFields(
            () ->
                stub.mannWhitneyTest(
                    MannWhitneyTestRequest.newBuilder()
                        .setSamples(
                            TwoSamples.newBuilder()
                                .setControl(sample(2, 2))
                                .setTreatment(sample(2)))
                        .build())));
    assertEquals(
        List.of("options.method"),
        invalidFields(
            () ->
                stub.mannWhitneyTest(
                    MannWhitneyTestRequest.newBuilder()
                        .setSamples(
                            TwoSamples.newBuilder()
                                .setControl(sample(1, 2))
                                .setTreatment(sample(2, 3)))
                        .setOptions(
                            MannWhitneyOptions.newBuilder()
                                .setMethod(MannWhitneyMethod.MANN_WHITNEY_METHOD_EXACT))
                        .build())));
  }

  private static BinomialCounts counts(long successes, long trials) {
    return BinomialCounts.newBuilder().setSuccesses(successes).setTrials(trials).build();
  }

  @Test
  void twoProportionTestAnswersAndValidates() {
    TwoProportionTestResponse response =
        stub.twoProportionTest(
            TwoProportionTestRequest.newBuilder()
                .setControl(counts(120, 1000))
                .setTreatment(counts(150, 1000))
                .setAlternative(Alternative.ALTERNATIVE_GREATER)
                .build());
    assertTrue(response.getPValue() > 0 && response.getPValue() < 0.05);
    assertEquals(0.03, response.getDifference(), 1e-12);
    assertEquals(
        List.of("control.successes", "treatment.trials"),
        invalidFields(
            () ->
                stub.twoProportionTest(
                    TwoProportionTestRequest.newBuilder()
                        .setControl(counts(11, 10))
                        .setTreatment(counts(0, 0))
                        .build())));
    assertEquals(
        List.of("control.successes", "treatment.successes"),
        invalidFields(
            () ->
                stub.twoProportionTest(
                    TwoProportionTestRequest.newBuilder()
                        .setControl(counts(0, 10))
                        .setTreatment(counts(0, 12))
                        .build())));
  }

  @Test
  void proportionIntervalAnswersAndValidates() {
    ProportionIntervalResponse response =
        stub.proportionInterval(
            ProportionIntervalRequest.newBuilder()
                .setCounts(counts(0, 20))
                .setMethod(ProportionIntervalMethod.PROPORTION_INTERVAL_METHOD_CLOPPER_PEARSON)
                .build());
    assertEquals(0.0, response.getInterval().getLower());
    assertTrue(response.getInterval().getUpper() > 0.1 && response.getInterval().getUpper() < 0.2);
    assertEquals(
        List.of("counts.successes", "confidence_level"),
        invalidFields(
            () ->
                stub.proportionInterval(
                    ProportionIntervalRequest.newBuilder()
                        .setCounts(counts(-1, 20))
                        .setConfidenceLevel(-0.5)
                        .build())));
  }

  @Test
  void chiSquareTestAnswersAndValidates() {
    ChiSquareTestResponse response =
        stub.chiSquareTest(
            ChiSquareTestRequest.newBuilder()
                .addRows(TableRow.newBuilder().addCounts(10).addCounts(20))
                .addRows(TableRow.newBuilder().addCounts(30).addCounts(25))
                .build());
    assertEquals(1, response.getDegreesOfFreedom());
    assertEquals(2, response.getExpectedCount());
    assertEquals(
        List.of("rows[1].counts"),
        invalidFields(
            () ->
                stub.chiSquareTest(
                    ChiSquareTestRequest.newBuilder()
                        .addRows(TableRow.newBuilder().addCounts(1).addCounts(2))
                        .addRows(TableRow.newBuilder().addCounts(3))
                        .build())));
    assertEquals(
        List.of("rows[].counts[1]"),
        invalidFields(
            () ->
                stub.chiSquareTest(
                    ChiSquareTestRequest.newBuilder()
                        .addRows(TableRow.newBuilder().addCounts(1).addCounts(0))
                        .addRows(TableRow.newBuilder().addCounts(3).addCounts(0))
                        .build())));
  }

  @Test
  void sampleRatioCheckFlagsMismatchAndValidates() {
    assertTrue(
        stub.checkSampleRatio(
                CheckSampleRatioRequest.newBuilder()
                    .addObservedCounts(50_000)
                    .addObservedCounts(51_500)
                    .addExpectedWeights(1)
                    .addExpectedWeights(1)
                    .build())
            .getMismatch());
    assertFalse(
        stub.checkSampleRatio(
                CheckSampleRatioRequest.newBuilder()
                    .addObservedCounts(5000)
                    .addObservedCounts(5050)
                    .addExpectedWeights(1)
                    .addExpectedWeights(1)
                    .build())
            .getMismatch());
    assertEquals(
        List.of("expected_weights", "p_value_threshold"),
        invalidFields(
            () ->
                stub.checkSampleRatio(
                    CheckSampleRatioRequest.newBuilder()
                        .addObservedCounts(10)
                        .addObservedCounts(12)
                        .addExpectedWeights(1)
                        .setPValueThreshold(0)
                        .build())));
  }

  @Test
  void adjustPValuesAnswersAndValidates() {
    AdjustPValuesResponse response =
        stub.adjustPValues(
            AdjustPValuesRequest.newBuilder()
                .addPValues(0.01)
                .addPValues(0.04)
                .addPValues(0.03)
                .setMethod(CorrectionMethod.CORRECTION_METHOD_BONFERRONI)
                .build());
    assertEquals(
        List.of(0.03, 0.12, 0.09),
        response.getAdjustedPValuesList().stream().map(p -> Math.round(p * 1e9) / 1e9).toList());
    assertEquals(List.of(true, false, false), response.getRejectedList());
    assertEquals(
        List.of("p_values[1]", "alpha"),
        invalidFields(
            () ->
                stub.adjustPValues(
                    AdjustPValuesRequest.newBuilder()
                        .addPValues(0.2)
                        .addPValues(1.5)
                        .setAlpha(1.0)
                        .build())));
    assertEquals(
        List.of("p_values"),
        invalidFields(() -> stub.adjustPValues(AdjustPValuesRequest.getDefaultInstance())));
  }

  static <T> StreamObserver<T> observer(CompletableFuture<T> answer) {
    return new StreamObserver<>() {
      @Override
      public void onNext(T value) {
        answer.complete(value);
      }

      @Override
      public void onError(Throwable t) {
        answer.completeExceptionally(t);
      }

      @Override
      public void onCompleted() {
        answer.completeExceptionally(new AssertionError("completed without an answer"));
      }
    };
  }
}
