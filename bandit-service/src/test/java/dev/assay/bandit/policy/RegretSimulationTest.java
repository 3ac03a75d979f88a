package dev.assay.bandit.policy;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assay.bandit.definition.PolicySpec;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

/**
 * Policy quality: cumulative pseudo-regret on the two-armed Bernoulli problem (means 0.10 and 0.12,
 * 10,000 steps, Beta(1, 1) prior) averaged over seeded runs, against the published figures (about
 * 25 for Thompson sampling, 69 for UCB1, 35 for epsilon-greedy with epsilon 0.1). The published
 * figures are given to about one unit, so the tolerance is 3 standard errors of our mean plus 1. An
 * independent numpy simulation of Thompson sampling (golden/thompson_regret.py, 4,000 runs) gives
 * 24.3 +- 0.4, and ours must agree with it within 3 combined standard errors. Epsilon-greedy's
 * greedy estimate uses the Beta(1, 1) posterior mean (s + 1) / (n + 2); with the raw mean and
 * untried arms first it measures about 42, so the published 35 assumes the prior.
 */
class RegretSimulationTest {
  private static final BernoulliSimulator PROBLEM = new BernoulliSimulator(0.10, 0.12);
  private static final int STEPS = 10_000;
  private static final Policies POLICIES = new Policies(10_000, RandomSource.seeded(1));

  private static void assertRegretNear(double published, BernoulliSimulator.Summary measured) {
    double tolerance = 3 * measured.standardError() + 1.0;
    assertTrue(
        Math.abs(measured.mean() - published) <= tolerance,
        "regret "
            + measured.mean()
            + " +- "
            + measured.standardError()
            + " is not within "
            + tolerance
            + " of the published "
            + published);
  }

  @Test
  void thompsonSamplingRegretIsAbout25AndMatchesAnIndependentSimulation() throws IOException {
    BernoulliSimulator.Summary measured =
        PROBLEM.average(POLICIES.forSpec(new PolicySpec.ThompsonBernoulli(1, 1)), STEPS, 600, 1);
    assertRegretNear(25, measured);
    JsonNode reference;
    try (InputStream in = getClass().getResourceAsStream("/golden/thompson_regret.json")) {
      reference = new ObjectMapper().readTree(in);
    }
    double difference = measured.mean() - reference.get("mean_regret").asDouble();
    double se = Math.hypot(measured.standardError(), reference.get("standard_error").asDouble());
    assertTrue(
        Math.abs(difference) <= 3 * se,
        "regret "
            + measured.mean()
            + " differs from the numpy reference by "
            + difference
            + " (se "
            + se
            + ")");
  }

  @Test
  void ucb1RegretIsAbout69() {
    assertRegretNear(69, PROBLEM.average(POLICIES.forSpec(new PolicySpec.Ucb1(2)), STEPS, 300, 1));
  }

  @Test
  void epsilonGreedyRegretIsAbout35() {
    assertRegretNear(
        35,
        PROBLEM.average(
            POLICIES.forSpec(new PolicySpec.EpsilonGreedy(0.1, 0, 0.5, 2)), STEPS, 1000, 1));
  }

  /**
   * Thompson's regret grows like log T: on means 0.10 and 0.30 (where the logarithmic regime starts
   * within a few hundred steps) the regret added per doubling of T stays flat from T = 1,000 to
   * 32,000, whereas sqrt(T) growth would multiply it by sqrt(2) per doubling (5.7 over five) and
   * linear growth by 2 (32). Lai and Robbins (1985) give the asymptotic slope per ln T: 0.2 /
   * KL(0.1, 0.3) = 1.72.
   */
  @Test
  void thompsonRegretGrowsLikeLogT() {
    BernoulliSimulator problem = new BernoulliSimulator(0.10, 0.30);
    int[] checkpoints = {1_000, 2_000, 4_000, 8_000, 16_000, 32_000};
    int runs = 200;
    double[] mean = new double[checkpoints.length];
    Policy policy = POLICIES.forSpec(new PolicySpec.ThompsonBernoulli(1, 1));
    for (int r = 0; r < runs; r++) {
      double[] regret = problem.run(policy, checkpoints, 1000 + r);
      for (int i = 0; i < checkpoints.length; i++) {
        mean[i] += regret[i] / runs;
      }
    }
    double firstSlope = (mean[1] - mean[0]) / Math.log(2);
    double lastSlope = (mean[5] - mean[4]) / Math.log(2);
    double ratio = lastSlope / firstSlope;
    assertTrue(
        ratio > 0.5 && ratio < 2.0,
        "regret per ln T should stay flat over five doublings, went from "
            + firstSlope
            + " to "
            + lastSlope);
    assertTrue(
        lastSlope > 0.5 && lastSlope < 3.0, "slope per ln T " + lastSlope + " should be near 1.72");
  }
}
