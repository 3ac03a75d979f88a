package dev.assay.analysis.monitor;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assay.assignment.v1.ExperimentStatus;
import dev.assay.assignment.v1.MonitorPolicy;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Peeking stays honest: 200 simulated A/A experiments (no true difference), monitored at each of 30
 * growing looks with stop-on-success on, are stopped for "success" in at most 5% (the always-valid
 * test's guarantee; asserted at most 10 of 200, and the rate printed).
 */
class PeekingHonestyTest {
  private static final int EXPERIMENTS = 200;
  private static final int LOOKS = 30;
  private static final int UNITS_PER_LOOK = 400;

  @Test
  void aaExperimentsStopForSuccessInAtMostFivePercent() {
    SplittableRandom random = new SplittableRandom(20261202L);
    MonitorPolicy policy = MonitorPolicy.newBuilder().setStopOnSuccess(true).build();
    try (MonitorHarness h = new MonitorHarness()) {
      long[][] units = new long[EXPERIMENTS][2];
      long[][] conversions = new long[EXPERIMENTS][2];
      for (int e = 0; e < EXPERIMENTS; e++) {
        h.assignment.put(MonitorHarness.experiment(key(e), 1_000_000, policy));
      }
      for (int look = 0; look < LOOKS; look++) {
        for (int e = 0; e < EXPERIMENTS; e++) {
          for (int arm = 0; arm < 2; arm++) {
            units[e][arm] += UNITS_PER_LOOK;
            for (int u = 0; u < UNITS_PER_LOOK; u++) {
              conversions[e][arm] += random.nextDouble() < 0.1 ? 1 : 0;
            }
          }
          h.observe(
              key(e), units[e].clone(), conversions[e].clone(), new double[] {200, 200}, 2_500);
        }
        h.run();
      }
      int stopped = 0;
      for (int e = 0; e < EXPERIMENTS; e++) {
        if (h.assignment.get(key(e)).getStatus() == ExperimentStatus.EXPERIMENT_STATUS_STOPPED) {
          stopped++;
        }
      }
      System.out.printf(
          "peeking honesty: %d of %d A/A experiments stopped for success over %d looks (%.1f%%)%n",
          stopped, EXPERIMENTS, LOOKS, 100.0 * stopped / EXPERIMENTS);
      assertTrue(stopped <= 10, stopped + " of 200 stopped for success");
    }
  }

  private static String key(int e) {
    return "aa-" + e;
  }
}
