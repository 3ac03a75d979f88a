package dev.assay.bandit.policy;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assay.bandit.definition.PolicySpec;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.api.Test;

/**
 * LinUCB learns a context-dependent best arm: with features (1, x), arm 0 pays 0.2 + 0.6x and arm 1
 * pays 0.8 - 0.6x (x uniform in [0, 1], Gaussian noise sd 0.1), so the best arm flips at x = 0.5.
 * After 3,000 steps it picks the better arm in at least 90% of the last 1,000 decisions.
 */
class LinUcbLearningTest {
  @Test
  void learnsWhichArmIsBestForEachContext() {
    Policy policy = new LinUcbPolicy(new PolicySpec.LinUcb(2, 0.5, 1));
    List<ArmStats> stats = new ArrayList<>(List.of(ArmStats.empty(2), ArmStats.empty(2)));
    Well19937c rng = new Well19937c(11);
    int correct = 0;
    int steps = 3_000;
    for (int t = 0; t < steps; t++) {
      double x = rng.nextDouble();
      double[] context = {1, x};
      int arm = policy.prepare(stats).choose(context, rng);
      double mean = arm == 0 ? 0.2 + 0.6 * x : 0.8 - 0.6 * x;
      double reward = mean + 0.1 * rng.nextGaussian();
      stats.set(arm, stats.get(arm).plus(reward, context, 0, 0));
      boolean best = (x >= 0.5) == (arm == 0);
      if (t >= steps - 1_000 && best) {
        correct++;
      }
    }
    assertTrue(correct >= 900, "picked the better arm " + correct + " times of the last 1000");
  }
}
