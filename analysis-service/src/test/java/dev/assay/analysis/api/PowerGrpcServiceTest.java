package dev.assay.analysis.api;

import static dev.assay.runtime.testing.GrpcAssertions.invalidFields;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assay.analysis.v1.Alternative;
import dev.assay.analysis.v1.MeanPowerMethod;
import dev.assay.analysis.v1.PowerDesign;
import dev.assay.analysis.v1.PowerServiceGrpc;
import dev.assay.analysis.v1.PowerServiceGrpc.PowerServiceBlockingStub;
import dev.assay.analysis.v1.PowerSolution;
import dev.assay.analysis.v1.ProportionPowerMethod;
import dev.assay.analysis.v1.SolveMeanPowerRequest;
import dev.assay.analysis.v1.SolveProportionPowerRequest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The power RPCs over an in-process server with the real service and error mapping. */
class PowerGrpcServiceTest {
  @RegisterExtension static final InProcessAnalysis grpc = new InProcessAnalysis();

  private final PowerServiceBlockingStub stub = grpc.stub(PowerServiceGrpc::newBlockingStub);

  @Test
  void sampleSizePowerAndEffectRoundTrip() {
    PowerSolution size =
        stub.solveProportionPower(
                SolveProportionPowerRequest.newBuilder()
                    .setBaselineRate(0.1)
                    .setMinimumDetectableEffect(0.01)
                    .setDesign(PowerDesign.newBuilder().setPower(0.8).setDailyEligibleUnits(5000))
                    .build())
            .getSolution();
    assertEquals(14744.104836841369, size.getControlSampleSize(), 1e-6);
    assertEquals(14745, size.getControlUnits());
    assertEquals(29490, size.getTotalUnits());
    assertEquals(6, size.getDurationDays());
    PowerSolution power =
        stub.solveProportionPower(
                SolveProportionPowerRequest.newBuilder()
                    .setBaselineRate(0.1)
                    .setMinimumDetectableEffect(0.01)
                    .setDesign(
                        PowerDesign.newBuilder().setControlSampleSize(size.getControlSampleSize()))
                    .build())
            .getSolution();
    assertEquals(0.8, power.getPower(), 1e-12);
    PowerSolution effect =
        stub.solveProportionPower(
                SolveProportionPowerRequest.newBuilder()
                    .setBaselineRate(0.1)
                    .setMethod(ProportionPowerMethod.PROPORTION_POWER_METHOD_COHENS_H)
                    .setDesign(
                        PowerDesign.newBuilder()
                            .setControlSampleSize(size.getControlSampleSize())
                            .setPower(0.8))
                    .build())
            .getSolution();
    assertEquals(0.01, effect.getMinimumDetectableEffect(), 1e-12);
  }

  @Test
  void meanPowerWithUnequalAllocationAndOneSidedTest() {
    PowerSolution solution =
        stub.solveMeanPower(
                SolveMeanPowerRequest.newBuilder()
                    .setStandardDeviation(2)
                    .setMinimumDetectableEffect(-0.5)
                    .setMethod(MeanPowerMethod.MEAN_POWER_METHOD_T_TEST)
                    .setDesign(
                        PowerDesign.newBuilder()
                            .setPower(0.9)
                            .setAlternative(Alternative.ALTERNATIVE_LESS)
                            .setAllocationRatio(2))
                    .build())
            .getSolution();
    assertEquals(solution.getControlSampleSize() * 2, solution.getTreatmentSampleSize(), 1e-9);
    assertTrue(solution.getPower() >= 0.9 - 1e-12);
    assertEquals(-0.25, solution.getStandardizedEffect(), 1e-15);
  }

  @Test
  void rejectsBadDesigns() {
    assertEquals(
        List.of("baseline_rate", "design.alpha"),
        invalidFields(
            () ->
                stub.solveProportionPower(
                    SolveProportionPowerRequest.newBuilder()
                        .setBaselineRate(1.2)
                        .setMinimumDetectableEffect(0.01)
                        .setDesign(PowerDesign.newBuilder().setPower(0.8).setAlpha(0))
                        .build())));
    assertEquals(
        List.of("design.control_sample_size", "design.power", "minimum_detectable_effect"),
        invalidFields(
            () ->
                stub.solveMeanPower(
                    SolveMeanPowerRequest.newBuilder()
                        .setStandardDeviation(1)
                        .setDesign(PowerDesign.newBuilder().setPower(0.8))
                        .build())));
    assertEquals(
        List.of("minimum_detectable_effect"),
        invalidFields(
            () ->
                stub.solveMeanPower(
                    SolveMeanPowerRequest.newBuilder()
                        .setStandardDeviation(1)
                        .setMinimumDetectableEffect(-1)
                        .setDesign(
                            PowerDesign.newBuilder()
                                .setPower(0.8)
                                .setAlternative(Alternative.ALTERNATIVE_GREATER))
                        .build())));
    assertEquals(
        List.of("design.power"),
        invalidFields(
            () ->
                stub.solveMeanPower(
                    SolveMeanPowerRequest.newBuilder()
                        .setStandardDeviation(1)
                        .setMinimumDetectableEffect(1)
                        .setDesign(PowerDesign.newBuilder().setPower(1.0))
                        .build())));
    assertEquals(
        List.of("design.control_sample_size"),
        invalidFields(
            () ->
                stub.solveProportionPower(
                    SolveProportionPowerRequest.newBuilder()
                        .setBaselineRate(0.5)
                        .setDesign(
                            PowerDesign.newBuilder()
                                .setPower(0.99)
                                .setControlSampleSize(2)
                                .setAlpha(0.001))
                        .build())));
  }
}
