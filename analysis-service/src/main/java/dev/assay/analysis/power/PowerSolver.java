package dev.assay.analysis.power;

import dev.assay.analysis.inference.Alternative;
import java.util.function.DoubleUnaryOperator;
import org.apache.commons.math3.analysis.solvers.BrentSolver;

/**
 * Solves a {@link PowerFunction} for whichever of sample size, power and effect is missing. Roots
 * are found by Brent's method to about 1e-14 relative, tighter than statsmodels' solve_power.
 */
public final class PowerSolver {
  private static final int MAX_EVALUATIONS = 10_000;
  private static final double LARGEST_SAMPLE = 1e15;

  private PowerSolver() {}

  /** The power of a fully specified design. */
  public static PowerSolution solvePower(
      PowerFunction function, double controlSampleSize, double effect) {
    return solution(function, controlSampleSize, effect);
  }

  /** The control sample size reaching {@code power} for {@code effect}. */
  public static PowerSolution solveSampleSize(PowerFunction function, double effect, double power) {
    DoubleUnaryOperator gap = n -> function.power(n, effect) - power;
    double low = Math.max(function.smallestSampleSize(), 1e-9);
    if (gap.applyAsDouble(low) >= 0) {
      throw new NoSolutionException(
          "the effect is so large that even the smallest sample exceeds the power");
    }
    double high = 16.0;
    while (gap.applyAsDouble(high) < 0) {
      low = high;
      high *= 4.0;
      if (high > LARGEST_SAMPLE) {
        throw new NoSolutionException(
            "the power is not reached with fewer than 1e15 units per arm");
      }
    }
    return solution(function, root(gap, low, high), effect);
  }

  /** The smallest effect in the direction of the alternative detected with {@code power}. */
  public static PowerSolution solveEffect(
      PowerFunction function, double controlSampleSize, double power) {
    boolean isNegative = function.design().alternative() == Alternative.LESS;
    double limit = isNegative ? function.smallestEffect() : function.largestEffect();
    DoubleUnaryOperator gap = effect -> function.power(controlSampleSize, effect) - power;
    double low = 0.0;
    double high;
    if (Double.isInfinite(limit)) {
      high = isNegative ? -1.0 : 1.0;
      while (gap.applyAsDouble(high) < 0) {
        low = high;
        high *= 4.0;
        if (Math.abs(high) > 1e300) {
          throw new NoSolutionException("no effect reaches the power");
        }
      }
    } else {
      high = limit * (1.0 - 1e-12);
      if (gap.applyAsDouble(high) < 0) {
        throw new NoSolutionException(
            "no achievable rate reaches the power with this sample size; increase the sample size");
      }
    }
    return solution(function, controlSampleSize, root(gap, low, high));
  }

  private static double root(DoubleUnaryOperator gap, double a, double b) {
    double scale = Math.max(Math.abs(a), Math.abs(b));
    BrentSolver solver = new BrentSolver(1e-15, scale * 1e-17, 1e-300);
    return solver.solve(MAX_EVALUATIONS, gap::applyAsDouble, Math.min(a, b), Math.max(a, b));
  }

  private static PowerSolution solution(
      PowerFunction function, double controlSampleSize, double effect) {
    return new PowerSolution(
        controlSampleSize,
        controlSampleSize * function.design().allocationRatio(),
        function.power(controlSampleSize, effect),
        effect,
        function.standardizedEffect(effect));
  }
}
