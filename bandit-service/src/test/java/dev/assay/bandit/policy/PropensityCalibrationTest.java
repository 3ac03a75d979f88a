package dev.assay.bandit.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.assay.bandit.definition.PolicySpec;
import dev.assay.bandit.propensity.Propensity;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Reported propensities match observed selection frequencies: for each policy in a fixed state,
 * 20,000 choices land on each arm at the reported rate within 4 binomial standard errors (plus 4
 * Monte Carlo standard errors when the propensity is itself an estimate), and they sum to 1.
 */
class PropensityCalibrationTest {
  private static final int CHOICES = 20_000;

  private static ArmStats arm(double pulls, double sum) {
    return new ArmStats(pulls, sum, sum, new double[0], new double[0], 0);
  }

  /** Three arms: two tied, one unplayed for UCB1/epsilon-greedy; a close race for Thompson. */
  static Stream<Arguments> policies() {
    List<ArmStats> race = List.of(arm(20, 4), arm(25, 6), arm(10, 2));
    List<ArmStats> ties = List.of(arm(10, 3), arm(10, 3), arm(10, 1));
    List<ArmStats> unplayed = List.of(arm(10, 3), arm(0, 0), arm(0, 0));
    return Stream.of(
        Arguments.of("thompson-bernoulli", new PolicySpec.ThompsonBernoulli(1, 1), race),
        Arguments.of("thompson-gaussian", new PolicySpec.ThompsonGaussian(0, 1, 1, 1), race),
        Arguments.of("ucb1-ties", new PolicySpec.Ucb1(2), ties),
        Arguments.of("ucb1-unplayed", new PolicySpec.Ucb1(2), unplayed),
        Arguments.of("epsilon-greedy-ties", new PolicySpec.EpsilonGreedy(0.2, 0, 0.5, 2), ties),
        Arguments.of(
            "epsilon-greedy-decayed", new PolicySpec.EpsilonGreedy(0.5, 0.1, 0, 0), unplayed));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("policies")
  void propensitiesMatchSelectionFrequencies(String name, PolicySpec spec, List<ArmStats> arms) {
    PreparedPolicy prepared =
        new Policies(20_000, RandomSource.seeded(3)).forSpec(spec).prepare(arms);
    Well19937c rng = new Well19937c(42);
    int[] counts = new int[arms.size()];
    for (int i = 0; i < CHOICES; i++) {
      counts[prepared.choose(new double[0], rng)]++;
    }
    double total = 0;
    for (int a = 0; a < arms.size(); a++) {
      Propensity p = prepared.propensity(a, new double[0]);
      total += p.value();
      double observed = (double) counts[a] / CHOICES;
      double tolerance =
          4 * Math.sqrt(p.value() * (1 - p.value()) / CHOICES) + 4 * p.standardError() + 1e-9;
      assertEquals(p.value(), observed, tolerance, name + " arm " + a);
    }
    assertEquals(1.0, total, 1e-9);
  }

  @ParameterizedTest(name = "linucb context {0}")
  @MethodSource("contexts")
  void linUcbPropensitiesMatchSelectionFrequencies(String label, double[] context) {
    ArmStats seen = new ArmStats(3, 3, 3, new double[] {3, 0, 0}, new double[] {3, 0}, 0);
    List<ArmStats> arms = List.of(seen, ArmStats.empty(2), ArmStats.empty(2));
    PreparedPolicy prepared = new LinUcbPolicy(new PolicySpec.LinUcb(2, 1, 1)).prepare(arms);
    Well19937c rng = new Well19937c(7);
    int[] counts = new int[3];
    for (int i = 0; i < CHOICES; i++) {
      counts[prepared.choose(context, rng)]++;
    }
    for (int a = 0; a < 3; a++) {
      double p = prepared.propensity(a, context).value();
      assertEquals(
          p,
          (double) counts[a] / CHOICES,
          4 * Math.sqrt(p * (1 - p) / CHOICES) + 1e-9,
          label + " arm " + a);
    }
  }

  static Stream<Arguments> contexts() {
    return Stream.of(
        Arguments.of("along the seen feature", new double[] {1, 0}),
        Arguments.of("orthogonal (unseen arms tie)", new double[] {0, 1}));
  }
}
