package dev.assay.bandit.policy;

import dev.assay.bandit.definition.PolicySpec;
import org.junit.jupiter.api.Test;

class RegretProbeTest {
  @Test
  void probe() {
    BernoulliSimulator sim = new BernoulliSimulator(0.10, 0.12);
    long t0 = System.nanoTime();
    System.out.println("TS " + sim.average(Policies.forSpec(new PolicySpec.ThompsonBernoulli(1, 1)), 10_000, 1000, 7));
    System.out.println("t " + (System.nanoTime() - t0) / 1e9);
    System.out.println("UCB1 " + sim.average(Policies.forSpec(new PolicySpec.Ucb1(2)), 10_000, 1000, 7));
    System.out.println("EG " + sim.average(Policies.forSpec(new PolicySpec.EpsilonGreedy(0.1, 0)), 10_000, 1000, 7));
    System.out.println("t " + (System.nanoTime() - t0) / 1e9);
  }
}
