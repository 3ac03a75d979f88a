package dev.assay.bandit.definition;

/** A policy kind and its settings, as configured on a bandit. */
public sealed interface PolicySpec {
  /** Stable name of the policy kind, e.g. {@code ucb1}. */
  String kindName();

  /** Number of context features the policy needs (0 for non-contextual policies). */
  default int contextDimension() {
    return 0;
  }

  /** Whether rewards must lie in [0, 1]; otherwise any finite reward is taken. */
  default boolean takesUnitRewards() {
    return false;
  }

  /** Thompson sampling with a Beta(priorAlpha, priorBeta) prior on a Bernoulli mean. */
  record ThompsonBernoulli(double priorAlpha, double priorBeta) implements PolicySpec {
    @Override
    public String kindName() {
      return "thompson_bernoulli";
    }

    @Override
    public boolean takesUnitRewards() {
      return true;
    }
  }

  /** Thompson sampling with a Normal-Gamma prior on (mean, precision). */
  record ThompsonGaussian(
      double priorMean, double priorPrecisionWeight, double priorShape, double priorRate)
      implements PolicySpec {
    @Override
    public String kindName() {
      return "thompson_gaussian";
    }
  }

  /** UCB1 with index mean + sqrt(exploration * ln N / n). */
  record Ucb1(double exploration) implements PolicySpec {
    @Override
    public String kindName() {
      return "ucb1";
    }

    @Override
    public boolean takesUnitRewards() {
      return true;
    }
  }

  /**
   * Epsilon-greedy with epsilon_t = epsilon / (1 + decay * N); the greedy estimate of an arm is
   * (priorWeight * priorMean + rewardSum) / (priorWeight + pulls).
   */
  record EpsilonGreedy(double epsilon, double decay, double priorMean, double priorWeight)
      implements PolicySpec {
    @Override
    public String kindName() {
      return "epsilon_greedy";
    }
  }

  /** Disjoint LinUCB over {@code dimension} features. */
  record LinUcb(int dimension, double alpha, double ridge) implements PolicySpec {
    @Override
    public String kindName() {
      return "lin_ucb";
    }

    @Override
    public int contextDimension() {
      return dimension;
    }
  }
}
