package dev.assay.bandit.rewards;

import dev.assay.bandit.definition.BanditDefinition;
import dev.assay.bandit.policy.ArmStats;
import dev.assay.bandit.policy.Policies;
import dev.assay.bandit.policy.Policy;
import dev.assay.bandit.selection.BanditSnapshot;
import dev.assay.bandit.selection.DecisionToken;
import dev.assay.bandit.selection.SnapshotCache;
import dev.assay.bandit.store.BanditStore;
import dev.assay.bandit.store.RewardWrite;
import dev.assay.runtime.errors.FailedPreconditionException;
import dev.assay.runtime.errors.NotFoundException;
import dev.assay.runtime.errors.Violations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Records rewards: checks every entry first (decision id known and unexpired, reward in the
 * policy's range) so a rejected request changes nothing, then applies them through the store, where
 * each decision's marker makes the update idempotent. Errors: {@code NotFoundException} for an
 * unknown decision id or bandit, {@code FailedPreconditionException} for an expired decision,
 * {@code ValidationException} for rewards out of range, {@code UnavailableException} from the
 * store.
 */
public final class RewardRecorder {
  /** Backfill markers are kept this long, so a retried backfill within it changes nothing. */
  public static final Duration BACKFILL_MARKER_TTL = Duration.ofDays(1);

  private final BanditStore store;
  private final SnapshotCache snapshots;
  private final LongSupplier clockMillis;

  /** A recorder writing to {@code store}, reading definitions from {@code snapshots} first. */
  public RewardRecorder(BanditStore store, SnapshotCache snapshots, LongSupplier clockMillis) {
    this.store = store;
    this.snapshots = snapshots;
    this.clockMillis = clockMillis;
  }

  /**
   * Records rewards for decisions; {@code field} names the list in error messages (e.g. {@code
   * rewards}).
   */
  public RewardOutcome record(List<DecisionReward> rewards, String field) {
    long now = clockMillis.getAsLong();
    Violations violations = new Violations();
    Map<String, List<RewardWrite>> byBandit = new LinkedHashMap<>();
    Map<String, BanditDefinition> definitions = new LinkedHashMap<>();
    Map<String, Policy> policies = new HashMap<>();
    for (int i = 0; i < rewards.size(); i++) {
      DecisionReward r = rewards.get(i);
      String path = field.isEmpty() ? "" : field + "[" + i + "].";
      DecisionToken token =
          DecisionToken.decode(r.decisionId())
              .orElseThrow(() -> new NotFoundException(path + "decision_id: unknown decision id"));
      if (token.expiresAtMillis() <= now) {
        throw new FailedPreconditionException(
            path
                + "decision_id: decision expired at "
                + java.time.Instant.ofEpochMilli(token.expiresAtMillis())
                + "; rewards are taken until then");
      }
      BanditDefinition d = definitions.computeIfAbsent(token.banditKey(), this::definition);
      Policy policy =
          policies.computeIfAbsent(token.banditKey(), k -> Policies.forSpec(d.policy(), 1));
      Optional<String> problem = policy.rewardProblem(r.reward());
      problem.ifPresent(p -> violations.add(path + "reward", p));
      String log =
          new DecisionLogEntry(now, token.armId(), token.propensity(), r.reward(), token.context())
              .encode();
      byBandit
          .computeIfAbsent(token.banditKey(), k -> new ArrayList<>())
          .add(
              new RewardWrite(
                  token.markerId(),
                  token.armId(),
                  ArmStats.increments(r.reward(), token.context()),
                  log,
                  token.expiresAtMillis()));
    }
    violations.throwIfAny();
    return apply(byBandit, definitions, now);
  }

  /**
   * Records rewards against arms without decisions. Entry {@code i} claims marker {@code
   * backfill:<requestId>:<i>}, so retrying the same request changes nothing.
   */
  public RewardOutcome backfill(String banditKey, String requestId, List<ArmReward> rewards) {
    long now = clockMillis.getAsLong();
    BanditDefinition d = definition(banditKey);
    Violations violations = new Violations();
    violations.check(
        requestId.isEmpty() || requestId.length() > 128, "request_id", "must be 1-128 characters");
    Policy policy = Policies.forSpec(d.policy(), 1);
    int dimension = d.policy().contextDimension();
    List<RewardWrite> writes = new ArrayList<>();
    for (int i = 0; i < rewards.size(); i++) {
      ArmReward r = rewards.get(i);
      String path = "rewards[" + i + "].";
      violations.check(
          d.arm(r.armId()).isEmpty(),
          path + "arm_id",
          "no arm '" + r.armId() + "' in bandit " + banditKey);
      policy.rewardProblem(r.reward()).ifPresent(p -> violations.add(path + "reward", p));
      violations.check(
          r.context().length != dimension,
          path + "context",
          "must have exactly " + dimension + " features, got " + r.context().length);
      double[] context = r.context().length == dimension ? r.context() : new double[dimension];
      writes.add(
          new RewardWrite(
              "backfill:" + requestId + ":" + i,
              r.armId(),
              ArmStats.increments(r.reward(), context),
              "",
              now + BACKFILL_MARKER_TTL.toMillis()));
    }
    violations.throwIfAny();
    return apply(Map.of(banditKey, writes), Map.of(banditKey, d), now);
  }

  private RewardOutcome apply(
      Map<String, List<RewardWrite>> byBandit,
      Map<String, BanditDefinition> definitions,
      long now) {
    int applied = 0;
    int duplicates = 0;
    for (var e : byBandit.entrySet()) {
      long halfLife = definitions.get(e.getKey()).discountHalfLife().toMillis();
      for (boolean a : store.applyRewards(e.getKey(), e.getValue(), halfLife, now)) {
        if (a) {
          applied++;
        } else {
          duplicates++;
        }
      }
    }
    return new RewardOutcome(applied, duplicates);
  }

  private BanditDefinition definition(String key) {
    Optional<BanditSnapshot> snapshot = snapshots.find(key);
    if (snapshot.isPresent()) {
      return snapshot.get().definition();
    }
    return store
        .find(key)
        .orElseThrow(() -> new NotFoundException("bandit '" + key + "' not found"));
  }
}
