package dev.assay.bandit.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assay.bandit.definition.PolicySpec;
import java.util.List;
import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.api.Test;

/** Statistics that once made a snapshot throw now give a usable, finite policy. */
class DegenerateStatisticsTest {
  @Test
  void aNearlySingularLinUcbGramMatrixFallsBackToThePseudoInverse() {
    // 10,000 identical contexts of 1e6: X'X is rank one at 1e16, far above the ridge of 1e-6,
    // and Cholesky fails on rounding
    ArmStats stats =
        new ArmStats(1e4, 1e4, 1e4, new double[] {1e16, 1e16, 1e16}, new double[] {1e10, 1e10}, 0);
    Policy policy =
        new Policies(100, RandomSource.seeded(1)).forSpec(new PolicySpec.LinUcb(2, 1, 1e-6));
    PreparedPolicy prepared = policy.prepare(List.of(stats, ArmStats.empty(2)));
    double[] p = prepared.propensities(2, new double[] {1e6, -1e6});
    assertEquals(1.0, p[0] + p[1], 1e-12);
    policy.parameters(stats).values().forEach(v -> assertTrue(Double.isFinite(v), "theta " + v));
  }

  @Test
  void scoresThatAreAllNaNTieInsteadOfLeavingNoArm() {
    TiedArgmax tied = TiedArgmax.of(new double[] {Double.NaN, Double.NaN, Double.NaN});
    assertEquals(1.0 / 3, tied.share(1));
    assertTrue(tied.choose(new double[0], new Well19937c(1)) < 3);
  }
}
