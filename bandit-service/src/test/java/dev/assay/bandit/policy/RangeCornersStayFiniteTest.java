package dev.assay.bandit.policy;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assay.bandit.definition.NumericLimits;
import dev.assay.bandit.definition.PolicySpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The documented ranges are wide enough to be useful and narrow enough that nothing overflows:
 * every policy at every corner of its settings, fed the extreme rewards and contexts the request
 * checks allow (many times, and after discounting to nearly nothing), reports finite posteriors,
 * parameters, intervals and propensities.
 */
class RangeCornersStayFiniteTest {
  private static final double R = NumericLimits.MAX_ABS_REWARD;
  private static final double X = NumericLimits.MAX_ABS_FEATURE;

  static Stream<PolicySpec> corners() {
    List<PolicySpec> specs = new ArrayList<>();
    for (double a : new double[] {0.01, 1e6}) {
      for (double b : new double[] {0.01, 1e6}) {
        specs.add(new PolicySpec.ThompsonBernoulli(a, b));
      }
    }
    for (double mean : new double[] {-1e9, 1e9}) {
      for (double kappa : new double[] {1e-6, 1e6}) {
        for (double shape : new double[] {0.5, 1e6}) {
          for (double rate : new double[] {1e-6, 1e18}) {
            specs.add(new PolicySpec.ThompsonGaussian(mean, kappa, shape, rate));
          }
        }
      }
    }
    for (double c : new double[] {Double.MIN_VALUE, 1e6}) {
      specs.add(new PolicySpec.Ucb1(c));
    }
    for (double decay : new double[] {0, 1e6}) {
      for (double mean : new double[] {-1e9, 1e9}) {
        for (double weight : new double[] {0, 1e6}) {
          specs.add(new PolicySpec.EpsilonGreedy(1, decay, mean, weight));
        }
      }
    }
    for (int d : new int[] {1, 3, 64}) {
      for (double alpha : new double[] {0, 1e6}) {
        for (double ridge : new double[] {1e-6, 1e6}) {
          specs.add(new PolicySpec.LinUcb(d, alpha, ridge));
        }
      }
    }
    return specs.stream();
  }

  @ParameterizedTest
  @MethodSource("corners")
  void everyReportedNumberIsFinite(PolicySpec spec) {
    Policy policy = new Policies(200, RandomSource.seeded(3)).forSpec(spec);
    int d = spec.contextDimension();
    double low = spec.takesUnitRewards() ? 0 : -R;
    double high = spec.takesUnitRewards() ? 1 : R;
    double[] big = new double[d];
    double[] mixed = new double[d];
    for (int i = 0; i < d; i++) {
      big[i] = X;
      mixed[i] = i % 2 == 0 ? X : -X;
    }
    List<ArmStats> arms =
        List.of(
            ArmStats.empty(d),
            repeat(ArmStats.empty(d), high, big, 1_000),
            repeat(repeat(ArmStats.empty(d), low, mixed, 1_000), high, big, 1_000),
            // discounted to almost nothing: tiny pulls with the same ratios
            repeat(ArmStats.empty(d), high, big, 10).decayedTo(1L << 40, 1));
    for (ArmStats stats : arms) {
      ArmPosterior p = policy.posterior(stats);
      finite(spec, p.mean(), p.lower95(), p.upper95());
      p.parameters().values().forEach(v -> finite(spec, v));
      policy.parameters(stats).values().forEach(v -> finite(spec, v));
    }
    PreparedPolicy prepared = policy.prepare(arms);
    for (double[] context : new double[][] {big, mixed, new double[d]}) {
      for (double propensity : prepared.propensities(arms.size(), context)) {
        assertTrue(propensity >= 0 && propensity <= 1, spec + ": propensity " + propensity);
      }
    }
  }

  private static ArmStats repeat(ArmStats stats, double reward, double[] context, int times) {
    ArmStats out = stats;
    for (int i = 0; i < times; i++) {
      out = out.plus(reward, context, 1 + i, 0);
    }
    return out;
  }

  private static void finite(PolicySpec spec, double... values) {
    for (double v : values) {
      assertTrue(Double.isFinite(v), spec + ": " + v + " in " + Map.of());
    }
  }
}
