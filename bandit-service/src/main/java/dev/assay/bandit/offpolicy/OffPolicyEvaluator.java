package dev.assay.bandit.offpolicy;

import dev.assay.bandit.definition.ArmDefinition;
import dev.assay.bandit.definition.BanditDefinition;
import dev.assay.bandit.definition.DefinitionRules;
import dev.assay.bandit.definition.PolicySpec;
import dev.assay.bandit.policy.ArmStats;
import dev.assay.bandit.policy.Policies;
import dev.assay.bandit.policy.PreparedPolicy;
import dev.assay.bandit.rewards.DecisionLogEntry;
import dev.assay.bandit.selection.BanditSnapshot;
import dev.assay.bandit.selection.SnapshotCache;
import dev.assay.bandit.store.BanditStore;
import dev.assay.bandit.store.StoredBandit;
import dev.assay.runtime.errors.FailedPreconditionException;
import dev.assay.runtime.errors.NotFoundException;
import dev.assay.runtime.errors.ValidationException;
import dev.assay.runtime.errors.Violations;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Estimates what a target policy would have earned on logged decisions: records sent by the caller,
 * or a bandit's own decision log (rewarded decisions, newest {@link #LOG_LIMIT}). It checks every
 * evaluation request (target, logged bandit key, records) before evaluating.
 */
public final class OffPolicyEvaluator {
  /** How many of a bandit's newest log entries an evaluation reads. */
  static final int LOG_LIMIT = 100_000;

  private final BanditStore store;
  private final SnapshotCache snapshots;
  private final Clock clock;
  private final Policies policies;

  /**
   * An evaluator reading logs from {@code store} and target bandits from {@code snapshots}; a
   * configured target policy is built by {@code policies} in its state at {@code clock}'s time.
   */
  public OffPolicyEvaluator(
      BanditStore store, SnapshotCache snapshots, Clock clock, Policies policies) {
    this.store = store;
    this.snapshots = snapshots;
    this.clock = clock;
    this.policies = policies;
  }

  /**
   * Evaluates {@code target} on caller-sent records (checked: propensity in (0, 1], finite values).
   */
  public Evaluation evaluate(List<LoggedDecision> log, TargetPolicy target) {
    checkTarget(target);
    Violations v = new Violations();
    for (int i = 0; i < log.size(); i++) {
      LoggedDecision d = log.get(i);
      String p = "decisions.decisions[" + i + "].";
      v.check(d.armId().isEmpty(), p + "arm_id", "must not be empty");
      v.check(!(d.propensity() > 0 && d.propensity() <= 1), p + "propensity", "must be in (0, 1]");
      v.check(!Double.isFinite(d.reward()), p + "reward", "must be finite");
      for (double x : d.context()) {
        v.check(!Double.isFinite(x), p + "context", "must be finite");
      }
    }
    v.throwIfAny();
    Set<String> arms = new LinkedHashSet<>();
    log.forEach(d -> arms.add(d.armId()));
    List<String> armList = new ArrayList<>(arms);
    Optional<PolicyView> configured =
        target instanceof TargetPolicy.Configured c
            ? Optional.of(fromRecords(c.policy(), log, armList))
            : Optional.empty();
    return run(log, target, armList, 0, arms.size(), configured);
  }

  /** Checks the target's bandit key or policy settings. */
  private static void checkTarget(TargetPolicy target) {
    if (target instanceof TargetPolicy.BanditPolicy b) {
      DefinitionRules.requireKey("target.bandit_key", b.banditKey());
    } else if (target instanceof TargetPolicy.Configured c) {
      Violations v = new Violations();
      DefinitionRules.checkPolicy(v, "target.policy.", c.policy());
      v.throwIfAny();
    }
  }

  /** The configured policy prepared on per-arm statistics of the caller's records. */
  private PolicyView fromRecords(PolicySpec spec, List<LoggedDecision> log, List<String> arms) {
    int dimension = spec.contextDimension();
    Map<String, ArmStats> stats = new LinkedHashMap<>();
    for (String arm : arms) {
      stats.put(arm, ArmStats.empty(dimension));
    }
    for (int i = 0; i < log.size(); i++) {
      LoggedDecision d = log.get(i);
      checkContext(d.context(), dimension, i);
      double[] features = dimension == 0 ? new double[0] : d.context();
      stats.computeIfPresent(d.armId(), (arm, s) -> s.plus(d.reward(), features, 0, 0));
    }
    PreparedPolicy prepared = policies.forSpec(spec).prepare(List.copyOf(stats.values()));
    return new PolicyView(arms, prepared, dimension);
  }

  /** Evaluates {@code target} on bandit {@code key}'s own decision log. */
  public Evaluation evaluateLog(String key, TargetPolicy target) {
    checkTarget(target);
    DefinitionRules.requireKey("logged_bandit_key", key);
    BanditDefinition definition =
        store.find(key).orElseThrow(() -> new NotFoundException("bandit '" + key + "' not found"));
    List<LoggedDecision> log = new ArrayList<>();
    int skipped = 0;
    for (String line : store.readLog(key, LOG_LIMIT)) {
      var entry = DecisionLogEntry.decode(line);
      if (entry.isEmpty() || !(entry.get().propensity() > 0)) {
        skipped++;
        continue;
      }
      DecisionLogEntry e = entry.get();
      log.add(new LoggedDecision(e.context(), e.armId(), e.propensity(), e.reward()));
    }
    Set<String> arms = new LinkedHashSet<>();
    definition.activeArms().forEach(a -> arms.add(a.id()));
    List<String> candidates = new ArrayList<>(arms);
    definition.arms().stream()
        .map(ArmDefinition::id)
        .filter(id -> !arms.contains(id))
        .forEach(candidates::add);
    Optional<PolicyView> configured =
        target instanceof TargetPolicy.Configured c
            ? Optional.of(fromBandit(key, c.policy()))
            : Optional.empty();
    return run(log, target, candidates, skipped, arms.size(), configured);
  }

  /** The configured policy prepared on bandit {@code key}'s current statistics. */
  private PolicyView fromBandit(String key, PolicySpec spec) {
    StoredBandit stored =
        store.load(key).orElseThrow(() -> new NotFoundException("bandit '" + key + "' not found"));
    BanditSnapshot state =
        BanditSnapshot.of(
            new StoredBandit(
                stored.definition().withPolicy(spec), stored.armFields(), stored.revision()),
            policies.forSpec(spec),
            clock.millis());
    return PolicyView.of(state);
  }

  /** A target policy frozen in one state: its arms and selection probabilities. */
  private record PolicyView(List<String> armIds, PreparedPolicy prepared, int dimension) {
    static PolicyView of(BanditSnapshot snapshot) {
      return new PolicyView(
          snapshot.activeArmIds(),
          snapshot.prepared(),
          snapshot.definition().policy().contextDimension());
    }
  }

  /** The first {@code uniformCount} of {@code arms} are those a uniform target spreads over. */
  private Evaluation run(
      List<LoggedDecision> log,
      TargetPolicy target,
      List<String> arms,
      int skipped,
      int uniformCount,
      Optional<PolicyView> configured) {
    if (log.size() < 2) {
      throw new FailedPreconditionException(
          "off-policy evaluation needs at least 2 logged decisions with a "
              + "propensity > 0, got "
              + log.size());
    }
    List<String> candidates = new ArrayList<>(arms);
    Optional<PolicyView> view = configured;
    if (target instanceof TargetPolicy.FixedArm f && !candidates.contains(f.armId())) {
      candidates.add(f.armId());
    } else if (target instanceof TargetPolicy.BanditPolicy b) {
      view =
          Optional.of(
              PolicyView.of(
                  snapshots
                      .find(b.banditKey())
                      .orElseThrow(
                          () ->
                              new NotFoundException(
                                  "target bandit '" + b.banditKey() + "' not found"))));
    }
    view.ifPresent(
        v -> v.armIds().stream().filter(id -> !candidates.contains(id)).forEach(candidates::add));
    double[][] probabilities = new double[log.size()][candidates.size()];
    for (int i = 0; i < log.size(); i++) {
      double[] row = probabilities[i];
      if (target instanceof TargetPolicy.FixedArm f) {
        row[candidates.indexOf(f.armId())] = 1.0;
      } else if (target instanceof TargetPolicy.Uniform) {
        for (int a = 0; a < uniformCount; a++) {
          row[a] = 1.0 / uniformCount;
        }
      } else {
        fillFromPolicy(row, candidates, view.orElseThrow(), log.get(i).context(), i);
      }
    }
    return OffPolicyEstimators.evaluate(log, candidates, probabilities, skipped);
  }

  private static void fillFromPolicy(
      double[] row, List<String> candidates, PolicyView view, double[] context, int index) {
    checkContext(context, view.dimension(), index);
    double[] features = view.dimension() == 0 ? new double[0] : context;
    for (int a = 0; a < view.armIds().size(); a++) {
      row[candidates.indexOf(view.armIds().get(a))] =
          view.prepared().propensity(a, features).value();
    }
  }

  private static void checkContext(double[] context, int dimension, int index) {
    if (dimension > 0 && context.length != dimension) {
      throw ValidationException.of(
          "decisions.decisions[" + index + "].context",
          "the target policy needs exactly " + dimension + " features, got " + context.length);
    }
  }
}
