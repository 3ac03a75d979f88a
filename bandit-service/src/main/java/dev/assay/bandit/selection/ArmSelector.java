package dev.assay.bandit.selection;

import dev.assay.bandit.definition.BanditDefinition;
import dev.assay.bandit.definition.DefinitionRules;
import dev.assay.bandit.definition.NumericLimits;
import dev.assay.bandit.policy.RandomSource;
import dev.assay.bandit.propensity.Propensity;
import dev.assay.bandit.store.StickyAssignment;
import dev.assay.runtime.errors.FailedPreconditionException;
import dev.assay.runtime.errors.NotFoundException;
import dev.assay.runtime.errors.ValidationException;
import dev.assay.runtime.errors.Violations;
import java.time.Clock;
import java.util.Optional;
import org.apache.commons.math3.random.RandomGenerator;

/**
 * Chooses arms from the {@link SnapshotCache} only: no store access on this path. It checks every
 * selection request (bandit key, unit id, context) before choosing.
 */
public final class ArmSelector {
  /** Longest unit id a sticky selection keeps. */
  static final int MAX_UNIT_ID_LENGTH = 256;

  private final SnapshotCache snapshots;
  private final Clock clock;
  private final RandomSource random;
  private final DecisionIds ids;

  /**
   * A selector reading {@code snapshots}, choosing and drawing decision nonces from {@code random},
   * signing decision ids with {@code ids}.
   */
  public ArmSelector(SnapshotCache snapshots, Clock clock, RandomSource random, DecisionIds ids) {
    this.snapshots = snapshots;
    this.clock = clock;
    this.random = random;
    this.ids = ids;
  }

  /** Chooses an arm for a request without a unit id. */
  public Decision select(String key, double[] context) {
    return select(key, "", context);
  }

  /**
   * Chooses an arm of bandit {@code key} for {@code context} (empty unless the policy is
   * contextual). On a sticky bandit a unit keeps the arm it got first (while that arm is active),
   * whatever the context. Throws {@code ValidationException} (key, unit id, context of the wrong
   * length or with a feature outside ±1e6), {@code NotFoundException} or {@code
   * FailedPreconditionException} (archived, no active arm).
   */
  public Decision select(String key, String unitId, double[] context) {
    DefinitionRules.requireKey("bandit_key", key);
    if (unitId.length() > MAX_UNIT_ID_LENGTH) {
      throw ValidationException.of("unit_id", "at most " + MAX_UNIT_ID_LENGTH + " characters");
    }
    BanditSnapshot snapshot =
        snapshots
            .find(key)
            .orElseThrow(
                () ->
                    snapshots.isSetAside(key)
                        ? new FailedPreconditionException(
                            "bandit '" + key + "' cannot be served: its stored state is unusable")
                        : new NotFoundException("bandit '" + key + "' not found"));
    BanditDefinition d = snapshot.definition();
    if (d.archived()) {
      throw new FailedPreconditionException("bandit '" + key + "' is archived");
    }
    if (snapshot.activeArmIds().isEmpty()) {
      throw new FailedPreconditionException("bandit '" + key + "' has no active arm");
    }
    double[] features = features(d, context);
    long now = clock.millis();
    RandomGenerator rng = random.forCurrentThread();
    boolean sticky = d.isSticky() && !unitId.isEmpty();
    if (sticky) {
      Optional<StickyAssignment> held = snapshots.stickyTable(key).find(unitId, now);
      if (held.isPresent() && snapshot.activeArmIds().contains(held.get().armId())) {
        return decision(d, held.get().armId(), held.get().propensity(), features, now, true, rng);
      }
    }
    int arm = snapshot.prepared().choose(features, rng);
    Propensity propensity = snapshot.prepared().propensity(arm, features);
    String armId = snapshot.activeArmIds().get(arm);
    if (sticky) {
      long duration = d.stickyDuration().toMillis();
      StickyAssignment mine = new StickyAssignment(unitId, armId, propensity, now + duration);
      Optional<StickyAssignment> earlier = snapshots.claimSticky(key, mine, now, duration);
      if (earlier.isPresent()) {
        StickyAssignment held = earlier.get();
        return decision(d, held.armId(), held.propensity(), features, now, true, rng);
      }
    }
    return decision(d, armId, propensity, features, now, false, rng);
  }

  /** The context the policy reads: exactly its dimension of finite features (none if 0). */
  private static double[] features(BanditDefinition d, double[] context) {
    int dimension = d.policy().contextDimension();
    double[] features = dimension == 0 ? new double[0] : context;
    if (features.length != dimension) {
      throw ValidationException.of(
          "context",
          "must have exactly "
              + dimension
              + " features for policy "
              + d.policy().kindName()
              + ", got "
              + context.length);
    }
    Violations v = new Violations();
    NumericLimits.checkFeatures(v, "context", features);
    v.throwIfAny();
    return features;
  }

  private Decision decision(
      BanditDefinition d,
      String armId,
      Propensity propensity,
      double[] features,
      long now,
      boolean sticky,
      RandomGenerator rng) {
    long expiresAt = now + d.decisionTtl().toMillis();
    DecisionToken token =
        new DecisionToken(
            d.key(),
            armId,
            propensity.value(),
            features,
            expiresAt,
            rng.nextLong(),
            rng.nextLong());
    return new Decision(armId, ids.issue(token), propensity, expiresAt, sticky);
  }
}
