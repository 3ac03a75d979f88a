package dev.assay.bandit.inspection;

import dev.assay.bandit.definition.ArmDefinition;
import dev.assay.bandit.policy.ArmPosterior;
import dev.assay.bandit.policy.ArmStats;
import dev.assay.bandit.policy.LinUcbPolicy;
import dev.assay.bandit.policy.Policies;
import dev.assay.bandit.policy.Policy;
import dev.assay.bandit.propensity.MonteCarloPropensity;
import dev.assay.bandit.selection.BanditSnapshot;
import dev.assay.bandit.store.BanditStore;
import dev.assay.bandit.store.StoredBandit;
import dev.assay.runtime.errors.NotFoundException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongSupplier;
import org.apache.commons.math3.random.Well19937c;

/**
 * Reports each arm's pulls, reward sum, posterior parameters, mean, 95% interval and posterior
 * probability of being the best active arm, from the store's current state (not the snapshot).
 */
public final class BanditInspector {
  /** Posterior draws behind probability-of-best: standard error at most 0.005. */
  public static final int PROBABILITY_BEST_DRAWS = 10_000;

  private final BanditStore store;
  private final LongSupplier clockMillis;

  /** An inspector reading {@code store}. */
  public BanditInspector(BanditStore store, LongSupplier clockMillis) {
    this.store = store;
    this.clockMillis = clockMillis;
  }

  /** Summarises bandit {@code key}. */
  public Inspection inspect(String key) {
    StoredBandit stored =
        store.load(key).orElseThrow(() -> new NotFoundException("bandit '" + key + "' not found"));
    Policy policy = Policies.forSpec(stored.definition().policy());
    BanditSnapshot snapshot = BanditSnapshot.of(stored, policy, clockMillis.getAsLong());
    Map<String, Double> best = probabilityBest(snapshot, policy);
    List<ArmSummary> arms = new ArrayList<>();
    for (ArmDefinition arm : stored.definition().arms()) {
      ArmStats stats = snapshot.armStats().get(arm.id());
      ArmPosterior posterior = policy.posterior(stats);
      Map<String, Double> parameters =
          policy instanceof LinUcbPolicy lin ? lin.coefficients(stats) : posterior.parameters();
      arms.add(
          new ArmSummary(
              arm.id(),
              arm.retired(),
              stats.pulls(),
              stats.rewardSum(),
              new HashMap<>(parameters),
              posterior.mean(),
              posterior.lower95(),
              posterior.upper95(),
              best.getOrDefault(arm.id(), 0.0)));
    }
    return new Inspection(key, arms, best.isEmpty() ? 0 : PROBABILITY_BEST_DRAWS);
  }

  private static Map<String, Double> probabilityBest(BanditSnapshot snapshot, Policy policy) {
    if (!policy.reportsProbabilityBest() || snapshot.activeArmIds().isEmpty()) {
      return Map.of();
    }
    List<ArmPosterior> posteriors = new ArrayList<>();
    for (String id : snapshot.activeArmIds()) {
      posteriors.add(policy.posterior(snapshot.armStats().get(id)));
    }
    long[] wins =
        MonteCarloPropensity.winCounts(
            posteriors,
            PROBABILITY_BEST_DRAWS,
            new Well19937c(ThreadLocalRandom.current().nextLong()));
    Map<String, Double> out = new HashMap<>();
    for (int i = 0; i < wins.length; i++) {
      out.put(snapshot.activeArmIds().get(i), (double) wins[i] / PROBABILITY_BEST_DRAWS);
    }
    return out;
  }
}
