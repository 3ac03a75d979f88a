package dev.assay.bandit.policy;

import dev.assay.bandit.definition.PolicySpec;
import dev.assay.bandit.propensity.Propensity;
import java.util.List;
import org.apache.commons.math3.random.RandomGenerator;

/**
 * Epsilon-greedy (Sutton and Barto 2018, section 2.2; decaying schedule as in Auer et al. 2002's
 * epsilon_n-greedy): with probability {@code eps_t = epsilon / (1 + decay * N)} pick an arm
 * uniformly, otherwise one of the arms with the best estimated mean, {@code (w m0 + sum) / (w + n)}
 * (the default w = 2, m0 = 0.5 is the posterior mean under a Beta(1, 1) prior; with w = 0 arms
 * never played count as best, so each is tried). Exact propensity: {@code eps_t / K + (1 - eps_t) /
 * ties} for a tied best arm. Inspection reports a Normal-Gamma(0, 1, 1, 1) reference posterior.
 */
record EpsilonGreedyPolicy(PolicySpec.EpsilonGreedy spec) implements Policy {
  @Override
  public ArmPosterior posterior(ArmStats stats) {
    return NormalGammaPosterior.reference(stats);
  }

  /** The exploration probability after {@code totalPulls} rewards. */
  double epsilonAfter(double totalPulls) {
    return spec.epsilon() / (1.0 + spec.decay() * totalPulls);
  }

  @Override
  public PreparedPolicy prepare(List<ArmStats> arms) {
    double total = 0;
    double[] means = new double[arms.size()];
    for (int i = 0; i < means.length; i++) {
      ArmStats a = arms.get(i);
      total += a.pulls();
      double weight = spec.priorWeight() + a.pulls();
      means[i] =
          weight <= 0
              ? Double.POSITIVE_INFINITY
              : (spec.priorWeight() * spec.priorMean() + a.rewardSum()) / weight;
    }
    return new Prepared(TiedArgmax.of(means), epsilonAfter(total), arms.size());
  }

  private record Prepared(TiedArgmax greedy, double epsilon, int armCount)
      implements PreparedPolicy {
    @Override
    public int choose(double[] context, RandomGenerator rng) {
      if (rng.nextDouble() < epsilon) {
        return rng.nextInt(armCount);
      }
      return greedy.choose(context, rng);
    }

    @Override
    public Propensity propensity(int arm, double[] context) {
      return Propensity.exact(epsilon / armCount + (1 - epsilon) * greedy.share(arm));
    }
  }
}
