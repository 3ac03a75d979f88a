package dev.assay.bandit.definition;

import dev.assay.runtime.errors.Violations;

/**
 * The finite ranges every number the bandit service takes must lie in: policy settings, rewards and
 * context features. They are chosen so that every statistic derived from them (squares, products,
 * sums over many rewards, posterior parameters, LinUCB inverses) stays finite; docs/bandit.md and
 * the "Limits: bandit service" section of docs/operations.md list them.
 */
public final class NumericLimits {
  /**
   * Largest |reward| for policies that take any real reward: its square (1e18) and its products
   * with context features (1e15) stay far inside a double, so arm statistics stay finite.
   */
  public static final double MAX_ABS_REWARD = 1e9;

  /** Largest |context feature|: products of two features (LinUCB's Gram matrix) stay below 1e12. */
  public static final double MAX_ABS_FEATURE = 1e6;

  /** Largest |prior mean| (Thompson-Gaussian, epsilon-greedy): the range of a reward. */
  static final double MAX_ABS_PRIOR_MEAN = MAX_ABS_REWARD;

  /** Beta prior pseudo-counts: below 0.01 the Beta quantiles underflow to 0. */
  static final double MIN_BETA_PRIOR = 0.01;

  /** Largest Beta prior pseudo-count (and largest prior weight or precision weight). */
  static final double MAX_PRIOR_COUNT = 1e6;

  /** Smallest Normal-Gamma precision weight (kappa0). */
  static final double MIN_PRECISION_WEIGHT = 1e-6;

  /** Smallest Normal-Gamma shape: 2 * shape degrees of freedom >= 1 keeps t quantiles finite. */
  static final double MIN_GAUSSIAN_SHAPE = 0.5;

  /** Normal-Gamma rate range: rate / shape is a prior variance, up to (1e9)^2. */
  static final double MIN_GAUSSIAN_RATE = 1e-6;

  static final double MAX_GAUSSIAN_RATE = 1e18;

  /** Largest UCB1 exploration constant, epsilon-greedy decay and LinUCB alpha. */
  static final double MAX_EXPLORATION = 1e6;

  /**
   * LinUCB ridge range: below 1e-6 the regularised Gram matrix is numerically singular (1e-300
   * makes the Cholesky factorisation fail); above 1e6 the prior swamps any data.
   */
  static final double MIN_RIDGE = 1e-6;

  static final double MAX_RIDGE = 1e6;

  private NumericLimits() {}

  /** Records a violation unless {@code min <= value <= max} (NaN is never in range). */
  static void inRange(Violations v, String field, double value, double min, double max) {
    v.check(
        !(value >= min && value <= max),
        field,
        "must be between " + min + " and " + max + ", got " + value);
  }

  /** Records a violation unless {@code 0 < value <= max}. */
  static void positiveUpTo(Violations v, String field, double value, double max) {
    v.check(
        !(value > 0 && value <= max), field, "must be > 0 and at most " + max + ", got " + value);
  }

  /** Whether {@code reward} is finite and within {@link #MAX_ABS_REWARD}. */
  public static boolean isRewardInRange(double reward) {
    return Math.abs(reward) <= MAX_ABS_REWARD;
  }

  /** Whether {@code feature} is finite and within {@link #MAX_ABS_FEATURE}. */
  public static boolean isFeatureInRange(double feature) {
    return Math.abs(feature) <= MAX_ABS_FEATURE;
  }

  /**
   * Records a violation for {@code reward}: in [0, 1] when the policy takes unit rewards, else
   * within ±{@link #MAX_ABS_REWARD}.
   */
  public static void checkReward(Violations v, String field, PolicySpec policy, double reward) {
    if (policy.takesUnitRewards()) {
      v.check(
          !(reward >= 0.0 && reward <= 1.0),
          field,
          "must be in [0, 1] for this policy, got " + reward);
    } else {
      v.check(
          !isRewardInRange(reward),
          field,
          "must be a finite number in [-"
              + MAX_ABS_REWARD
              + ", "
              + MAX_ABS_REWARD
              + "], got "
              + reward);
    }
  }

  /**
   * Records a violation for the first feature of {@code context} outside ±{@link #MAX_ABS_FEATURE},
   * naming it {@code field[i]}.
   */
  public static void checkFeatures(Violations v, String field, double[] context) {
    for (int i = 0; i < context.length; i++) {
      if (!isFeatureInRange(context[i])) {
        v.add(
            field + "[" + i + "]",
            "must be a finite number in [-"
                + MAX_ABS_FEATURE
                + ", "
                + MAX_ABS_FEATURE
                + "], got "
                + context[i]);
        return;
      }
    }
  }
}
