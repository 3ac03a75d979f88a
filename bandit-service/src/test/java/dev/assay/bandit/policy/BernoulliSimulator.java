package dev.assay.bandit.policy;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;

/**
 * Plays a Bernoulli bandit problem through a {@link Policy} exactly as the service does (prepare
 * from the arms' statistics, choose, record the reward) and measures pseudo-regret: the sum over
 * steps of (best mean - mean of the chosen arm).
 */
final class BernoulliSimulator {
  private final double[] means;
  private final double bestMean;

  BernoulliSimulator(double... means) {
    this.means = means.clone();
    double best = Double.NEGATIVE_INFINITY;
    for (double m : means) {
      best = Math.max(best, m);
    }
    this.bestMean = best;
  }

  /**
   * Cumulative pseudo-regret after each step in {@code checkpoints} (ascending) for one seeded run.
   */
  double[] run(Policy policy, int[] checkpoints, long seed) {
    RandomGenerator rng = new Well19937c(seed);
    List<ArmStats> stats = new ArrayList<>();
    for (int i = 0; i < means.length; i++) {
      stats.add(ArmStats.empty(0));
    }
    double[] out = new double[checkpoints.length];
    double regret = 0;
    int next = 0;
    double[] noContext = new double[0];
    int steps = checkpoints[checkpoints.length - 1];
    for (int t = 1; t <= steps; t++) {
      int arm = policy.prepare(stats).choose(noContext, rng);
      double reward = rng.nextDouble() < means[arm] ? 1.0 : 0.0;
      stats.set(arm, stats.get(arm).plus(reward, noContext, 0, 0));
      regret += bestMean - means[arm];
      if (t == checkpoints[next]) {
        out[next++] = regret;
      }
    }
    return out;
  }

  /** Mean and standard error of the final regret over {@code runs} seeded runs. */
  Summary average(Policy policy, int steps, int runs, long seed) {
    double sum = 0;
    double sumSquares = 0;
    for (int r = 0; r < runs; r++) {
      double regret = run(policy, new int[] {steps}, seed + r)[0];
      sum += regret;
      sumSquares += regret * regret;
    }
    double mean = sum / runs;
    double variance = (sumSquares - runs * mean * mean) / (runs - 1);
    return new Summary(mean, Math.sqrt(variance / runs));
  }

  /** Mean regret and its standard error. */
  record Summary(double mean, double standardError) {}
}
