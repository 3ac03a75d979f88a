package dev.assay.bandit.inspection;

import dev.assay.bandit.definition.ArmDefinition;
import dev.assay.bandit.definition.DefinitionRules;
import dev.assay.bandit.policy.ArmPosterior;
import dev.assay.bandit.policy.ArmStats;
import dev.assay.bandit.policy.Policies;
import dev.assay.bandit.policy.Policy;
import dev.assay.bandit.policy.RandomSource;
import dev.assay.bandit.propensity.MonteCarloPropensity;
import dev.assay.bandit.selection.BanditSnapshot;
import dev.assay.bandit.store.BanditStore;
import dev.assay.bandit.store.StoredBandit;
import dev.assay.runtime.errors.NotFoundException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reports each arm's pulls, reward sum, posterior parameters, mean, 95% interval and posterior
 * probability of being the best active arm, from the store's current state (not the snapshot).
 */
public final class BanditInspector {
  /** Posterior draws behind probability-of-best: standard error at most 0.005. */
  private static final int PROBABILITY_BEST_DRAWS = 10_000;

  private final BanditStore store;
  private final Clock clock;
  private final Policies policies;
  private final RandomSource random;

  /** An inspector reading {@code store}, drawing from {@code random} for probability-of-best. */
  public BanditInspector(BanditStore store, Clock clock, Policies policies, RandomSource random) {
    this.store = store;
    this.clock = clock;
    this.policies = policies;
    this.random = random;
  }

  /** Summarises bandit {@code key}. */
  public Inspection inspect(String key) {
    DefinitionRules.requireKey("bandit_key", key);
    StoredBandit stored =
        store.load(key).orElseThrow(() -> new NotFoundException("bandit '" + key + "' not found"));
    Policy policy = policies.forSpec(stored.definition().policy());
    BanditSnapshot snapshot = BanditSnapshot.of(stored, policy, clock.millis());
    Map<String, Double> best = probabilityBest(snapshot, policy);
    List<ArmSummary> arms = new ArrayList<>();
    for (ArmDefinition arm : stored.definition().arms()) {
      ArmStats stats = snapshot.stats(arm.id());
      ArmPosterior posterior = policy.posterior(stats);
      arms.add(
          new ArmSummary(
              arm.id(),
              arm.retired(),
              stats.pulls(),
              stats.rewardSum(),
              new HashMap<>(policy.parameters(stats)),
              posterior.mean(),
              posterior.lower95(),
              posterior.upper95(),
              best.getOrDefault(arm.id(), 0.0)));
    }
    return new Inspection(key, arms, best.isEmpty() ? 0 : PROBABILITY_BEST_DRAWS);
  }

  private Map<String, Double> probabilityBest(BanditSnapshot snapshot, Policy policy) {
    if (!policy.reportsProbabilityBest() || snapshot.activeArmIds().isEmpty()) {
      return Map.of();
    }
    List<ArmPosterior> posteriors = new ArrayList<>();
    for (String id : snapshot.activeArmIds()) {
      posteriors.add(policy.posterior(snapshot.stats(id)));
    }
    long[] wins =
        MonteCarloPropensity.winCounts(posteriors, PROBABILITY_BEST_DRAWS, random.newGenerator());
    Map<String, Double> out = new HashMap<>();
    for (int i = 0; i < wins.length; i++) {
      out.put(snapshot.activeArmIds().get(i), (double) wins[i] / PROBABILITY_BEST_DRAWS);
    }
    return out;
  }
}
