package dev.assay.bandit.policy;

import dev.assay.bandit.definition.PolicySpec;
import java.util.List;

/**
 * UCB1 (Auer, Cesa-Bianchi and Fischer 2002, "Finite-time analysis of the multiarmed bandit
 * problem", Fig. 1): play every arm once, then the largest {@code mean + sqrt(c ln N / n)} with c =
 * 2 by default. Deterministic, so the propensity is exact: 1/ties for the tied maxima, else 0.
 * Inspection reports a Beta(1, 1) reference posterior (its rewards lie in [0, 1]).
 */
record Ucb1Policy(PolicySpec.Ucb1 spec) implements Policy {
  @Override
  public ArmPosterior posterior(ArmStats stats) {
    return BetaPosterior.of(1, 1, stats);
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
    return TiedArgmax.of(index);
  }
}
