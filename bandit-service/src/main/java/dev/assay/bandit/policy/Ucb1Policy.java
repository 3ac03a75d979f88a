package dev.assay.bandit.policy;

import dev.assay.bandit.definition.PolicySpec;
import dev.assay.bandit.propensity.Propensity;
import java.util.List;
import java.util.Optional;
import org.apache.commons.math3.random.RandomGenerator;

/**
 * UCB1 (Auer, Cesa-Bianchi and Fischer 2002, "Finite-time analysis of the multiarmed bandit
 * problem", Fig. 1): play every arm once, then the largest {@code mean + sqrt(c ln N / n)} with c =
 * 2 by default. Deterministic, so the propensity is exact: 1/ties for the tied maxima, else 0.
 */
public final class Ucb1Policy implements Policy {
  private final PolicySpec.Ucb1 spec;

  /** UCB1 with the spec's exploration constant. */
  public Ucb1Policy(PolicySpec.Ucb1 spec) {
    this.spec = spec;
  }

  @Override
  public PolicySpec spec() {
    return spec;
  }

  @Override
  public ArmPosterior posterior(ArmStats stats) {
    return BetaPosterior.of(1, 1, stats);
  }

  @Override
  public Optional<String> rewardProblem(double reward) {
    return Policy.unitIntervalProblem(reward);
  }

  @Override
  public PreparedPolicy prepare(List<ArmStats> arms) {
    double total = 0;
    for (ArmStats a : arms) {
      total += a.pulls();
    }
    double logTotal = Math.log(Math.max(total, 1.0));
    double[] index = new double[arms.size()];
    for (int i = 0; i < index.length; i++) {
      ArmStats a = arms.get(i);
      index[i] =
          a.pulls() <= 0
              ? Double.POSITIVE_INFINITY
              : a.mean() + Math.sqrt(spec.exploration() * logTotal / a.pulls());
    }
    return new ArgmaxPolicy(TiedArgmax.of(index));
  }

  /** A deterministic choice among tied maxima. */
  static final class ArgmaxPolicy implements PreparedPolicy {
    private final TiedArgmax best;

    ArgmaxPolicy(TiedArgmax best) {
      this.best = best;
    }

    @Override
    public int choose(double[] context, RandomGenerator rng) {
      return best.pick(rng);
    }

    @Override
    public Propensity propensity(int arm, double[] context) {
      return Propensity.exact(best.contains(arm) ? 1.0 / best.size() : 0.0);
    }
  }
}
