package dev.assay.analysis.api;

import dev.assay.analysis.inference.Alternative;
import dev.assay.analysis.power.CohensHPower;
import dev.assay.analysis.power.MeanPower;
import dev.assay.analysis.power.NoSolutionException;
import dev.assay.analysis.power.PowerDesign;
import dev.assay.analysis.power.PowerFunction;
import dev.assay.analysis.power.PowerSolution;
import dev.assay.analysis.power.PowerSolver;
import dev.assay.analysis.power.UnpooledProportionPower;
import dev.assay.analysis.v1.MeanPowerMethod;
import dev.assay.analysis.v1.ProportionPowerMethod;
import dev.assay.analysis.v1.SolveMeanPowerRequest;
import dev.assay.analysis.v1.SolveMeanPowerResponse;
import dev.assay.analysis.v1.SolveProportionPowerRequest;
import dev.assay.analysis.v1.SolveProportionPowerResponse;
import dev.assay.runtime.errors.ValidationException;
import dev.assay.runtime.errors.Violations;
import java.util.Optional;

/** Validates power requests, picks the unknown and solves for it. */
final class PowerCalls {
  private static final String SAMPLE_SIZE = "design.control_sample_size";
  private static final String POWER = "design.power";
  private static final String EFFECT = "minimum_detectable_effect";

  /** Treatment units per control unit lie in [1 / this, this]. */
  static final double MAX_ALLOCATION_RATIO = 1e6;

  private PowerCalls() {}

  static SolveProportionPowerResponse solveProportionPower(SolveProportionPowerRequest request) {
    Violations violations = new Violations();
    double baseline = request.getBaselineRate();
    boolean isBaselineValid = FieldChecks.isProbability(baseline);
    violations.check(
        !isBaselineValid, "baseline_rate", "must be in [1e-12, 1 - 1e-12], got " + baseline);
    Optional<PowerDesign> design = design(violations, request.getDesign());
    if (isBaselineValid && request.hasMinimumDetectableEffect()) {
      double target = baseline + request.getMinimumDetectableEffect();
      violations.check(
          !FieldChecks.isProbability(target),
          EFFECT,
          "baseline_rate + minimum_detectable_effect must be in [1e-12, 1 - 1e-12], got " + target);
    }
    Question question =
        new Question(
            request.getDesign(),
            request.hasMinimumDetectableEffect(),
            request.getMinimumDetectableEffect());
    question.check(violations, design);
    violations.throwIfAny();
    PowerFunction function =
        request.getMethod() == ProportionPowerMethod.PROPORTION_POWER_METHOD_UNPOOLED
            ? new UnpooledProportionPower(baseline, design.orElseThrow())
            : new CohensHPower(baseline, design.orElseThrow());
    return SolveProportionPowerResponse.newBuilder().setSolution(question.solve(function)).build();
  }

  static SolveMeanPowerResponse solveMeanPower(SolveMeanPowerRequest request) {
    Violations violations = new Violations();
    double sigma = request.getStandardDeviation();
    FieldChecks.standardDeviation(violations, sigma, "standard_deviation");
    Optional<PowerDesign> design = design(violations, request.getDesign());
    Question question =
        new Question(
            request.getDesign(),
            request.hasMinimumDetectableEffect(),
            request.getMinimumDetectableEffect());
    question.check(violations, design);
    violations.throwIfAny();
    boolean isExact = request.getMethod() != MeanPowerMethod.MEAN_POWER_METHOD_NORMAL;
    PowerFunction function = new MeanPower(sigma, isExact, design.orElseThrow());
    return SolveMeanPowerResponse.newBuilder().setSolution(question.solve(function)).build();
  }

  private static Optional<PowerDesign> design(
      Violations violations, dev.assay.analysis.v1.PowerDesign proto) {
    double alpha =
        FieldChecks.openUnitInterval(
            violations, proto.hasAlpha(), proto.getAlpha(), "design.alpha", 0.05);
    double ratio = proto.hasAllocationRatio() ? proto.getAllocationRatio() : 1.0;
    boolean isRatioValid = ratio >= 1.0 / MAX_ALLOCATION_RATIO && ratio <= MAX_ALLOCATION_RATIO;
    violations.check(
        !isRatioValid, "design.allocation_ratio", "must be in [1e-6, 1e6], got " + ratio);
    FieldChecks.openUnitInterval(violations, proto.hasPower(), proto.getPower(), POWER, 0.8);
    if (proto.hasControlSampleSize()) {
      double n = proto.getControlSampleSize();
      violations.check(
          !(n >= 2 && n <= FieldChecks.MAX_COUNT), SAMPLE_SIZE, "must be in [2, 1e15], got " + n);
    }
    if (proto.hasDailyEligibleUnits()) {
      double daily = proto.getDailyEligibleUnits();
      violations.check(
          !(daily >= 1 && daily <= FieldChecks.MAX_COUNT),
          "design.daily_eligible_units",
          "must be in [1, 1e15], got " + daily);
    }
    boolean isValid = FieldChecks.isProbability(alpha) && isRatioValid;
    return isValid
        ? Optional.of(
            new PowerDesign(alpha, Conversions.alternative(proto.getAlternative()), ratio))
        : Optional.empty();
  }

  /**
   * What a power request asks for: of the control sample size and power (in the design) and the
   * minimum detectable effect, exactly one is unset, and that one is solved for.
   */
  private record Question(
      dev.assay.analysis.v1.PowerDesign proto, boolean hasEffect, double effect) {
    /** Records what is wrong with the unknowns; {@code design} is empty when it was invalid. */
    void check(Violations violations, Optional<PowerDesign> design) {
      int unknowns =
          (proto.hasControlSampleSize() ? 0 : 1) + (proto.hasPower() ? 0 : 1) + (hasEffect ? 0 : 1);
      if (unknowns != 1) {
        String why =
            "leave exactly one of control_sample_size, power and minimum_detectable_effect unset,"
                + " got "
                + unknowns;
        violations.add(SAMPLE_SIZE, why).add(POWER, why).add(EFFECT, why);
        return;
      }
      if (hasEffect) {
        violations.check(
            !(effect != 0 && FieldChecks.isMeasurement(effect)),
            EFFECT,
            "must be nonzero with magnitude at most 1e100, got " + effect);
        if (design.isPresent() && !proto.hasControlSampleSize()) {
          Alternative alternative = design.get().alternative();
          boolean isWrongSide =
              (alternative == Alternative.GREATER && effect < 0)
                  || (alternative == Alternative.LESS && effect > 0);
          violations.check(
              isWrongSide,
              EFFECT,
              "must be positive for alternative GREATER and negative for LESS, got " + effect);
        }
      }
      if (design.isPresent() && proto.hasPower() && proto.getPower() > 0 && proto.getPower() < 1) {
        double alpha = design.get().alpha();
        violations.check(
            proto.getPower() <= alpha,
            POWER,
            "must exceed alpha (" + alpha + "), got " + proto.getPower());
      }
    }

    /** Solves for the unknown, once {@link #check} found nothing wrong. */
    dev.assay.analysis.v1.PowerSolution solve(PowerFunction function) {
      PowerSolution solution;
      try {
        if (!proto.hasPower()) {
          solution = PowerSolver.solvePower(function, proto.getControlSampleSize(), effect);
        } else if (!proto.hasControlSampleSize()) {
          solution = PowerSolver.solveSampleSize(function, effect, proto.getPower());
        } else {
          solution =
              PowerSolver.solveEffect(function, proto.getControlSampleSize(), proto.getPower());
        }
      } catch (NoSolutionException e) {
        throw ValidationException.of(hasEffect ? EFFECT : SAMPLE_SIZE, e.reason());
      }
      FieldChecks.requireFinite(
          "design",
          solution.controlSampleSize(),
          solution.power(),
          solution.effect(),
          solution.standardizedEffect());
      if (!(solution.controlSampleSize() + solution.treatmentSampleSize()
          <= FieldChecks.MAX_COUNT)) {
        throw ValidationException.of(
            "design.allocation_ratio",
            "the design needs more than 1e15 units in total; use a less extreme allocation ratio"
                + " or a larger effect");
      }
      dev.assay.analysis.v1.PowerSolution.Builder answer =
          dev.assay.analysis.v1.PowerSolution.newBuilder()
              .setControlSampleSize(solution.controlSampleSize())
              .setTreatmentSampleSize(solution.treatmentSampleSize())
              .setControlUnits(solution.controlUnits())
              .setTreatmentUnits(solution.treatmentUnits())
              .setTotalUnits(solution.controlUnits() + solution.treatmentUnits())
              .setPower(solution.power())
              .setMinimumDetectableEffect(solution.effect())
              .setStandardizedEffect(solution.standardizedEffect());
      if (proto.hasDailyEligibleUnits()) {
        answer.setDurationDays(solution.durationDays(proto.getDailyEligibleUnits()));
      }
      return answer.build();
    }
  }
}
