package dev.assay.bandit.rewards;

import dev.assay.bandit.decisionkeys.DecisionKeyRing;
import dev.assay.bandit.definition.BanditDefinition;
import dev.assay.bandit.definition.DefinitionRules;
import dev.assay.bandit.definition.NumericLimits;
import dev.assay.bandit.policy.ArmStats;
import dev.assay.bandit.selection.BanditSnapshot;
import dev.assay.bandit.selection.DecisionIds;
import dev.assay.bandit.selection.DecisionToken;
import dev.assay.bandit.selection.SignedDecision;
import dev.assay.bandit.selection.SnapshotCache;
import dev.assay.bandit.store.BanditStore;
import dev.assay.bandit.store.RewardWrite;
import dev.assay.runtime.errors.NotFoundException;
import dev.assay.runtime.errors.ValidationException;
import dev.assay.runtime.errors.Violations;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Records rewards: checks every entry first (batch size, decision id bounded, signed by this
 * service, for the request's bandit, fitting its bandit and unexpired (see {@link DecisionChecks}),
 * reward in the policy's range; for a backfill the key, request id, arms and contexts) so a
 * rejected request changes nothing, then applies them through the store, where each decision's
 * marker makes the update idempotent. Errors: {@code ValidationException} for bad fields (each
 * named with its index), among them a decision id this service did not sign or one for another
 * bandit than the request's; {@code NotFoundException} for an unknown bandit; {@code
 * FailedPreconditionException} for an expired decision or one that does not fit its bandit; {@code
 * UnavailableException} from the store.
 */
public final class RewardRecorder {
  /** Backfill markers are kept this long, so a retried backfill within it changes nothing. */
  private static final Duration BACKFILL_MARKER_TTL = Duration.ofDays(1);

  /** Largest number of rewards in one request or stream message. */
  private static final int MAX_REWARDS_PER_MESSAGE = 10_000;

  private final BanditStore store;
  private final SnapshotCache snapshots;
  private final Clock clock;
  private final DecisionIds ids;

  /**
   * A recorder writing to {@code store}, reading definitions from {@code snapshots} first and
   * verifying decision ids with {@code ids}.
   */
  public RewardRecorder(BanditStore store, SnapshotCache snapshots, Clock clock, DecisionIds ids) {
    this.store = store;
    this.snapshots = snapshots;
    this.clock = clock;
    this.ids = ids;
  }

  /** The bandit a decision id was issued for, if this service signed it (its MAC verifies). */
  public Optional<String> banditOf(String decisionId) {
    return DecisionIds.open(decisionId, ids.ring()).map(d -> d.token().banditKey());
  }

  /** Records rewards for decisions of any bandit (see below). */
  public RewardOutcome record(List<DecisionReward> rewards, String field) {
    return record(rewards, field, "");
  }

  /**
   * Records rewards for decisions; {@code field} names the list in error messages (e.g. {@code
   * rewards}; empty for a single reward). When {@code banditKey} is not empty, every decision must
   * be of that bandit.
   */
  public RewardOutcome record(List<DecisionReward> rewards, String field, String banditKey) {
    checkBatchSize(field, rewards.size());
    if (!banditKey.isEmpty()) {
      DefinitionRules.requireKey("bandit_key", banditKey);
    }
    long now = clock.millis();
    DecisionKeyRing ring = ids.ring();
    Violations violations = new Violations();
    Map<String, Batch> batches = new LinkedHashMap<>();
    for (int i = 0; i < rewards.size(); i++) {
      DecisionReward r = rewards.get(i);
      String path = field.isEmpty() ? "" : field + "[" + i + "].";
      Optional<SignedDecision> read =
          DecisionChecks.read(violations, path + "decision_id", r.decisionId(), ring, now);
      if (read.isEmpty()
          || !DecisionChecks.isForRequestedBandit(
              violations, path + "decision_id", read.get().token(), banditKey)) {
        continue;
      }
      DecisionToken token = read.get().token();
      Batch batch =
          batches.computeIfAbsent(
              token.banditKey(), key -> new Batch(definition(key), new ArrayList<>()));
      DecisionChecks.requireFits(path + "decision_id", read.get(), ring, batch.definition(), now);
      NumericLimits.checkReward(
          violations, path + "reward", batch.definition().policy(), r.reward());
      String log =
          new DecisionLogEntry(now, token.armId(), token.propensity(), r.reward(), token.context())
              .encode();
      batch
          .writes()
          .add(
              new RewardWrite(
                  token.markerId(),
                  token.armId(),
                  ArmStats.increments(r.reward(), token.context()),
                  log,
                  token.expiresAtMillis()));
    }
    violations.throwIfAny();
    return apply(batches.values(), now);
  }

  /**
   * Records rewards against arms without decisions. Entry {@code i} claims marker {@code
   * backfill:<requestId>:<i>}, so retrying the same request changes nothing.
   */
  public RewardOutcome backfill(String banditKey, String requestId, List<ArmReward> rewards) {
    DefinitionRules.requireKey("bandit_key", banditKey);
    checkBatchSize("rewards", rewards.size());
    long now = clock.millis();
    BanditDefinition d = definition(banditKey);
    Violations violations = new Violations();
    violations.check(
        requestId.isEmpty() || requestId.length() > 128, "request_id", "must be 1-128 characters");
    int dimension = d.policy().contextDimension();
    List<RewardWrite> writes = new ArrayList<>();
    for (int i = 0; i < rewards.size(); i++) {
      ArmReward r = rewards.get(i);
      String path = "rewards[" + i + "].";
      violations.check(
          d.arm(r.armId()).isEmpty(), path + "arm_id", "no such arm in bandit " + banditKey);
      NumericLimits.checkReward(violations, path + "reward", d.policy(), r.reward());
      violations.check(
          r.context().length != dimension,
          path + "context",
          "must have exactly " + dimension + " features, got " + r.context().length);
      NumericLimits.checkFeatures(violations, path + "context", r.context());
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
    return apply(List.of(new Batch(d, writes)), now);
  }

  private static void checkBatchSize(String field, int size) {
    if (size > MAX_REWARDS_PER_MESSAGE) {
      throw ValidationException.of(
          field, "at most " + MAX_REWARDS_PER_MESSAGE + " per request or message, got " + size);
    }
  }

  /** One bandit's writes of a request. */
  private record Batch(BanditDefinition definition, List<RewardWrite> writes) {}

  private RewardOutcome apply(Collection<Batch> batches, long now) {
    int applied = 0;
    int duplicates = 0;
    for (Batch b : batches) {
      long halfLife = b.definition().discountHalfLife().toMillis();
      for (boolean a : store.applyRewards(b.definition().key(), b.writes(), halfLife, now)) {
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
