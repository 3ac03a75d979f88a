package dev.assay.analysis.api;

import static dev.assay.runtime.testing.GrpcAssertions.assertInvalid;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.DoubleValue;
import com.google.protobuf.ListValue;
import com.google.protobuf.Value;
import dev.assay.analysis.v1.AnalyzeAlwaysValidRequest;
import dev.assay.analysis.v1.BinomialCounts;
import dev.assay.analysis.v1.CheckSampleRatioRequest;
import dev.assay.analysis.v1.ComputeBoundariesRequest;
import dev.assay.analysis.v1.HypothesisTestServiceGrpc;
import dev.assay.analysis.v1.HypothesisTestServiceGrpc.HypothesisTestServiceBlockingStub;
import dev.assay.analysis.v1.PowerDesign;
import dev.assay.analysis.v1.PowerServiceGrpc;
import dev.assay.analysis.v1.PowerServiceGrpc.PowerServiceBlockingStub;
import dev.assay.analysis.v1.RatioMetricTestRequest;
import dev.assay.analysis.v1.RatioSummaries;
import dev.assay.analysis.v1.RatioSummary;
import dev.assay.analysis.v1.SampleSummary;
import dev.assay.analysis.v1.SequentialLook;
import dev.assay.analysis.v1.SequentialTestServiceGrpc;
import dev.assay.analysis.v1.SequentialTestServiceGrpc.SequentialTestServiceBlockingStub;
import dev.assay.analysis.v1.SolveMeanPowerRequest;
import dev.assay.analysis.v1.SolveProportionPowerRequest;
import dev.assay.analysis.v1.TTestOptions;
import dev.assay.analysis.v1.TTestRequest;
import dev.assay.analysis.v1.TwoProportionTestRequest;
import dev.assay.analysis.v1.TwoSummaries;
import dev.assay.runtime.errors.ValidationException;
import java.util.Optional;
import org.apache.commons.math3.exception.NoBracketingException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every analysis defect of issue #10, with the exact input reported: each is now a precise
 * INVALID_ARGUMENT naming the field (never INTERNAL, never OK with NaN or infinity), and the
 * boundary computations that ran for minutes are rejected at once. (The two 10-million-value
 * streams are in {@link StreamMemoryBudgetTest}.)
 */
class HostileInputRegressionTest {
  @RegisterExtension static final InProcessAnalysis grpc = new InProcessAnalysis();

  private static final double SMALLEST = Double.MIN_VALUE; // 5e-324
  private static final double ALMOST_ONE = Math.nextDown(1.0); // 0.9999999999999999

  private final PowerServiceBlockingStub power = grpc.stub(PowerServiceGrpc::newBlockingStub);
  private final HypothesisTestServiceBlockingStub tests =
      grpc.stub(HypothesisTestServiceGrpc::newBlockingStub);
  private final SequentialTestServiceBlockingStub sequential =
      grpc.stub(SequentialTestServiceGrpc::newBlockingStub);

  private static SolveMeanPowerRequest.Builder meanPower() {
    return SolveMeanPowerRequest.newBuilder()
        .setStandardDeviation(1)
        .setMinimumDetectableEffect(1)
        .setDesign(PowerDesign.newBuilder().setPower(0.8));
  }

  @Test
  void meanPowerWithAnEffectOfPlusOrMinus1e308IsInvalid() {
    assertInvalid(
        () -> power.solveMeanPower(meanPower().setMinimumDetectableEffect(1e308).build()),
        "minimum_detectable_effect");
    assertInvalid(
        () -> power.solveMeanPower(meanPower().setMinimumDetectableEffect(-1e308).build()),
        "minimum_detectable_effect");
  }

  @Test
  void meanPowerWithAStandardDeviationOf5eMinus324IsInvalid() {
    assertInvalid(
        () -> power.solveMeanPower(meanPower().setStandardDeviation(SMALLEST).build()),
        "standard_deviation");
  }

  @Test
  void powerWithAnAlphaOf5eMinus324IsInvalid() {
    assertInvalid(
        () ->
            power.solveMeanPower(
                meanPower()
                    .setDesign(PowerDesign.newBuilder().setPower(0.8).setAlpha(SMALLEST))
                    .build()),
        "design.alpha");
  }

  @Test
  void powerWithAnAllocationRatioOf1e308IsInvalid() {
    assertInvalid(
        () ->
            power.solveProportionPower(
                SolveProportionPowerRequest.newBuilder()
                    .setBaselineRate(0.1)
                    .setMinimumDetectableEffect(0.01)
                    .setDesign(PowerDesign.newBuilder().setPower(0.8).setAllocationRatio(1e308))
                    .build()),
        "design.allocation_ratio");
  }

  private static CheckSampleRatioRequest sampleRatio(double firstWeight) {
    return CheckSampleRatioRequest.newBuilder()
        .addObservedCounts(100)
        .addObservedCounts(100)
        .addExpectedWeights(firstWeight)
        .addExpectedWeights(1)
        .build();
  }

  @Test
  void sampleRatioWithWeightsOf5eMinus324Or1e308IsInvalid() {
    assertInvalid(() -> tests.checkSampleRatio(sampleRatio(SMALLEST)), "expected_weights[0]");
    assertInvalid(() -> tests.checkSampleRatio(sampleRatio(1e308)), "expected_weights[0]");
  }

  @Test
  void tTestWithAConfidenceLevelOf0Point9999999999999999IsInvalid() {
    SampleSummary summary =
        SampleSummary.newBuilder().setCount(100).setMean(1).setVariance(1).build();
    assertInvalid(
        () ->
            tests.tTest(
                TTestRequest.newBuilder()
                    .setSummaries(
                        TwoSummaries.newBuilder().setControl(summary).setTreatment(summary))
                    .setOptions(TTestOptions.newBuilder().setConfidenceLevel(ALMOST_ONE))
                    .build()),
        "options.confidence_level");
  }

  @Test
  void twoProportionTestWith2To63Minus1TrialsIsInvalid() {
    BinomialCounts counts =
        BinomialCounts.newBuilder().setSuccesses(10).setTrials(Long.MAX_VALUE).build();
    assertInvalid(
        () ->
            tests.twoProportionTest(
                TwoProportionTestRequest.newBuilder()
                    .setControl(counts)
                    .setTreatment(counts)
                    .build()),
        "control.trials",
        "treatment.trials");
  }

  private static RatioMetricTestRequest ratio(double controlDenominatorMean) {
    RatioSummary.Builder summary =
        RatioSummary.newBuilder()
            .setCount(100)
            .setNumeratorMean(1)
            .setDenominatorMean(1)
            .setNumeratorVariance(1)
            .setDenominatorVariance(1)
            .setCovariance(0.5);
    return RatioMetricTestRequest.newBuilder()
        .setSummaries(
            RatioSummaries.newBuilder()
                .setControl(summary.clone().setDenominatorMean(controlDenominatorMean))
                .setTreatment(summary))
        .build();
  }

  @Test
  void ratioMetricWithADenominatorMeanOf5eMinus324Or1e308IsInvalid() {
    assertInvalid(() -> tests.ratioMetricTest(ratio(SMALLEST)), "summaries.control");
    assertInvalid(() -> tests.ratioMetricTest(ratio(1e308)), "summaries.control.denominator_mean");
  }

  @Test
  void alwaysValidWithAMeanOf1e15IsInvalidNotAnInfiniteLikelihoodRatio() {
    SampleSummary control =
        SampleSummary.newBuilder().setCount(100).setMean(1).setVariance(1).build();
    assertInvalid(
        () ->
            sequential.analyzeAlwaysValid(
                AnalyzeAlwaysValidRequest.newBuilder()
                    .setMixingVariance(1)
                    .addLooks(
                        SequentialLook.newBuilder()
                            .setMeans(
                                TwoSummaries.newBuilder()
                                    .setControl(control)
                                    .setTreatment(control.toBuilder().setMean(1e15))))
                    .build()),
        "input");
  }

  private static ComputeBoundariesRequest boundaries(double... fractions) {
    ComputeBoundariesRequest.Builder request = ComputeBoundariesRequest.newBuilder();
    for (double fraction : fractions) {
      request.addInformationFractions(fraction);
    }
    return request.build();
  }

  @Test
  void boundariesForLooksMinutesApartInWorkAreRejectedAtOnce() {
    // [0.5, 0.50001, 1] computed for minutes; [0.9999999999999999, 1] was a
    // NegativeArraySizeException (INTERNAL).
    assertInvalid(
        () -> sequential.computeBoundaries(boundaries(0.5, 0.50001, 1)),
        "information_fractions[1]");
    assertInvalid(
        () -> sequential.computeBoundaries(boundaries(ALMOST_ONE, 1)), "information_fractions[0]");
  }

  @Test
  void boundariesWithLooksAtLeastATenthApartAreComputed() {
    assertEquals(
        10,
        sequential
            .computeBoundaries(boundaries(0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0))
            .getBoundariesCount());
    assertEquals(
        10,
        sequential
            .computeBoundaries(
                boundaries(0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0).toBuilder()
                    .setOneSided(true)
                    .build())
            .getBoundariesCount());
  }

  @Test
  void aLookThatSpendsNoAlphaIsRejectedNotInternal() {
    assertInvalid(
        () -> sequential.computeBoundaries(boundaries(1e-300, 1)), "information_fractions[0]");
  }

  @Test
  void theGuardTurnsNonFiniteAnswersAndNumericFailuresIntoInvalidArgument() {
    ValidationException nan =
        org.junit.jupiter.api.Assertions.assertThrows(
            ValidationException.class,
            () ->
                FiniteAnswers.answer(
                    "Test",
                    () ->
                        Value.newBuilder()
                            .setListValue(
                                ListValue.newBuilder()
                                    .addValues(Value.newBuilder().setNumberValue(1))
                                    .addValues(Value.newBuilder().setNumberValue(Double.NaN)))
                            .build()));
    assertEquals("input", nan.violations().get(0).field());
    assertTrue(nan.getMessage().contains("list_value.values[1].number_value"), nan.getMessage());
    ValidationException solver =
        org.junit.jupiter.api.Assertions.assertThrows(
            ValidationException.class,
            () ->
                FiniteAnswers.answer(
                    "Test",
                    () -> {
                      throw new NoBracketingException(0, 1, 1, 1);
                    }));
    assertEquals("input", solver.violations().get(0).field());
    assertEquals(
        Optional.empty(), FiniteAnswers.firstNonFinite(DoubleValue.of(Double.MAX_VALUE), ""));
    assertFalse(FiniteAnswers.firstNonFinite(DoubleValue.of(-0.0), "").isPresent());
  }
}
