package dev.assay.bandit.offpolicy;

import dev.assay.bandit.definition.ArmDefinition;
import dev.assay.bandit.definition.BanditDefinition;
import dev.assay.bandit.definition.DefinitionRules;
import dev.assay.bandit.definition.NumericLimits;
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
import java.util.HashMap;
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

  /**
   * Smallest propensity a decision is weighted by: importance weights stay below 1e12, so with
   * rewards within ±1e9 every estimate and its standard error stay finite. Logged decisions below
   * it are skipped.
   */
  static final double MIN_PROPENSITY = 1e-12;

  /** Most distinct arms among caller-sent decisions (as many as a bandit may have). */
  static final int MAX_LOGGED_ARMS = 1_000;

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
   * Evaluates {@code target} on caller-sent records (checked: propensity in [1e-12, 1], values in
   * range).
   */
  public Evaluation evaluate(List<LoggedDecision> log, TargetPolicy target) {
    checkTarget(target);
    Violations v = new Violations();
    v.check(
        log.size() > LOG_LIMIT,
        "decisions.decisions",
        "at most " + LOG_LIMIT + " decisions, got " + log.size());
    v.throwIfAny();
    for (int i = 0; i < log.size(); i++) {
      LoggedDecision d = log.get(i);
      String p = "decisions.decisions[" + i + "].";
      v.check(
          !DefinitionRules.isValidArmId(d.armId()),
          p + "arm_id",
          "must be 1-64 characters from [A-Za-z0-9_.-]");
      v.check(
          !(d.propensity() >= MIN_PROPENSITY && d.propensity() <= 1),
          p + "propensity",
          "must be in [" + MIN_PROPENSITY + ", 1]");
      v.check(
          !NumericLimits.isRewardInRange(d.reward()),
          p + "reward",
          "must be a finite number in [-"
              + NumericLimits.MAX_ABS_REWARD
              + ", "
              + NumericLimits.MAX_ABS_REWARD
              + "]");
      v.check(
          d.context().length > DefinitionRules.MAX_DIMENSION,
          p + "context",
          "at most " + DefinitionRules.MAX_DIMENSION + " features");
      NumericLimits.checkFeatures(v, p + "context", d.context());
    }
    v.throwIfAny();
    Set<String> arms = new LinkedHashSet<>();
    log.forEach(d -> arms.add(d.armId()));
    if (arms.size() > MAX_LOGGED_ARMS) {
      throw ValidationException.of(
          "decisions.decisions",
          "at most " + MAX_LOGGED_ARMS + " distinct arms, got " + arms.size());
    }
    List<String> armList = new ArrayList<>(arms);
    Optional<PolicyView> configured =
        target instanceof TargetPolicy.Configured c
            ? Optional.of(fromRecords(c.policy(), log, armList))
            : Optional.empty();
    return run(log, target, armList, 0, arms.size(), configured, false);
  }

  /** Checks the target's bandit key or policy settings. */
  private static void checkTarget(TargetPolicy target) {
    if (target instanceof TargetPolicy.BanditPolicy b) {
      DefinitionRules.requireKey("target.bandit_key", b.banditKey());
    } else if (target instanceof TargetPolicy.FixedArm f) {
      if (!DefinitionRules.isValidArmId(f.armId())) {
        throw ValidationException.of(
            "target.fixed_arm_id", "must be 1-64 characters from [A-Za-z0-9_.-]");
      }
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
      if (entry.isEmpty() || !(entry.get().propensity() >= MIN_PROPENSITY)) {
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
    return run(log, target, candidates, skipped, arms.size(), configured, true);
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
      Optional<PolicyView> configured,
      boolean fromStoredLog) {
    if (log.size() < 2) {
      throw new FailedPreconditionException(
          "off-policy evaluation needs at least 2 logged decisions with a "
              + "propensity of at least "
              + MIN_PROPENSITY
              + ", got "
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
    int dimension = view.map(PolicyView::dimension).orElse(0);
    int fitting = EvaluationBudget.decisionsWithin(candidates.size(), dimension);
    List<LoggedDecision> evaluated = log;
    int left = skipped;
    if (log.size() > fitting) {
      if (!fromStoredLog) {
        throw ValidationException.of(
            "decisions.decisions",
            "at most "
                + fitting
                + " decisions for a target over "
                + candidates.size()
                + " arms (the work of one evaluation is bounded), got "
                + log.size());
      }
      // the log is oldest first: evaluate the newest decisions that fit
      evaluated = log.subList(log.size() - fitting, log.size());
      left += log.size() - fitting;
    }
    if (evaluated.size() < 2) {
      throw new FailedPreconditionException(
          "off-policy evaluation needs at least 2 logged decisions; the work bound leaves "
              + evaluated.size());
    }
    Map<String, Integer> column = new HashMap<>();
    for (int a = 0; a < candidates.size(); a++) {
      column.put(candidates.get(a), a);
    }
    double[][] probabilities = new double[evaluated.size()][candidates.size()];
    for (int i = 0; i < evaluated.size(); i++) {
      double[] row = probabilities[i];
      if (target instanceof TargetPolicy.FixedArm f) {
        row[columnOf(column, f.armId())] = 1.0;
      } else if (target instanceof TargetPolicy.Uniform) {
        for (int a = 0; a < uniformCount; a++) {
          row[a] = 1.0 / uniformCount;
        }
      } else {
        fillFromPolicy(row, column, view.orElseThrow(), evaluated.get(i).context(), i);
      }
    }
    return OffPolicyEstimators.evaluate(evaluated, candidates, probabilities, left);
  }

  private static void fillFromPolicy(
      double[] row, Map<String, Integer> column, PolicyView view, double[] context, int index) {
    checkContext(context, view.dimension(), index);
    double[] features = view.dimension() == 0 ? new double[0] : context;
    double[] p = view.prepared().propensities(view.armIds().size(), features);
    for (int a = 0; a < p.length; a++) {
      row[columnOf(column, view.armIds().get(a))] = p[a];
    }
  }

  private static int columnOf(Map<String, Integer> column, String armId) {
    Integer a = column.get(armId);
    if (a == null) {
      throw new IllegalStateException("arm '" + armId + "' is not a candidate");
    }
    return a;
  }

  private static void checkContext(double[] context, int dimension, int index) {
    if (dimension > 0 && context.length != dimension) {
      throw ValidationException.of(
          "decisions.decisions[" + index + "].context",
          "the target policy needs exactly " + dimension + " features, got " + context.length);
    }
  }
}
