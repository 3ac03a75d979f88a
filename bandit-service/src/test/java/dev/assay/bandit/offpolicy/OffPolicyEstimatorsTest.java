package dev.assay.bandit.offpolicy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.api.Test;

/**
 * The estimators recover a target policy's known value from logs of a different policy, and their
 * 95% intervals cover it at about the nominal rate.
 */
class OffPolicyEstimatorsTest {
  private static final double[] MEANS = {0.3, 0.6};
  private static final List<String> ARMS = List.of("a", "b");

  /** Logs of a policy that plays arm a with probability 0.8 and b with 0.2. */
  private static List<LoggedDecision> skewedLog(int n, long seed) {
    Well19937c rng = new Well19937c(seed);
    List<LoggedDecision> log = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int arm = rng.nextDouble() < 0.8 ? 0 : 1;
      double reward = rng.nextDouble() < MEANS[arm] ? 1 : 0;
      log.add(new LoggedDecision(new double[0], ARMS.get(arm), arm == 0 ? 0.8 : 0.2, reward));
    }
    return log;
  }

  private static double[][] fixed(int n, int arm) {
    double[][] p = new double[n][2];
    for (double[] row : p) {
      row[arm] = 1;
    }
    return p;
  }

  /**
   * One seed: the estimate lies within 4 standard errors (coverage is tested over many seeds
   * below).
   */
  private static void assertNear(double truth, Estimate e) {
    assertTrue(
        Math.abs(e.value() - truth) <= 4 * e.standardError(), e + " should be near " + truth);
    assertEquals(e.value() - 1.959963984540054 * e.standardError(), e.lower95(), 1e-12);
  }

  @Test
  void everyEstimatorRecoversTheValueOfAnotherArm() {
    List<LoggedDecision> log = skewedLog(20_000, 1);
    Evaluation e = OffPolicyEstimators.evaluate(log, ARMS, fixed(log.size(), 1), 0);
    assertNear(0.6, e.ips());
    assertNear(0.6, e.selfNormalizedIps().orElseThrow());
    assertNear(0.6, e.doublyRobust());
    assertTrue(
        e.doublyRobust().standardError() < e.ips().standardError(),
        "the reward model reduces variance");
    assertEquals(0.8 * 0.3 + 0.2 * 0.6, e.loggedMeanReward(), 0.02);
  }

  @Test
  void intervalsCoverTheTruthAtAboutTheNominalRate() {
    int trials = 200;
    int[] covered = new int[3];
    for (int t = 0; t < trials; t++) {
      List<LoggedDecision> log = skewedLog(500, 100 + t);
      double[][] uniform = new double[log.size()][];
      for (int i = 0; i < uniform.length; i++) {
        uniform[i] = new double[] {0.5, 0.5};
      }
      Evaluation e = OffPolicyEstimators.evaluate(log, ARMS, uniform, 0);
      double truth = 0.45;
      covered[0] += e.ips().lower95() <= truth && truth <= e.ips().upper95() ? 1 : 0;
      Estimate sn = e.selfNormalizedIps().orElseThrow();
      covered[1] += sn.lower95() <= truth && truth <= sn.upper95() ? 1 : 0;
      covered[2] +=
          e.doublyRobust().lower95() <= truth && truth <= e.doublyRobust().upper95() ? 1 : 0;
    }
    for (int c : covered) {
      // binomial(200, 0.95): 4 standard errors below is 0.95 - 4 * 0.0154 = 0.888
      assertTrue(c >= 0.888 * trials, "coverage " + c + "/" + trials);
    }
  }

  @Test
  void selfNormalizedIpsIsUndefinedWhenTheTargetNeverAgreesWithTheLog() {
    List<LoggedDecision> log =
        List.of(
            new LoggedDecision(new double[0], "a", 0.5, 1),
            new LoggedDecision(new double[0], "a", 0.5, 0));
    Evaluation e = OffPolicyEstimators.evaluate(log, ARMS, fixed(2, 1), 0);
    assertEquals(Optional.empty(), e.selfNormalizedIps());
    assertEquals(0.0, e.ips().value());
    assertEquals(
        0.5,
        e.doublyRobust().value(),
        1e-12,
        "the model falls back to the overall mean for unseen arms");
  }
}
