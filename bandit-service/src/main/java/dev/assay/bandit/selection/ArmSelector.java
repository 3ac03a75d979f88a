package dev.assay.bandit.selection;

import dev.assay.bandit.definition.BanditDefinition;
import dev.assay.bandit.propensity.Propensity;
import dev.assay.bandit.store.StickyAssignment;
import dev.assay.runtime.errors.FailedPreconditionException;
import dev.assay.runtime.errors.NotFoundException;
import dev.assay.runtime.errors.ValidationException;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongSupplier;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;

/** Chooses arms from the {@link SnapshotCache} only: no store access on this path. */
public final class ArmSelector {
  private static final ThreadLocal<RandomGenerator> RANDOM =
      ThreadLocal.withInitial(() -> new Well19937c(ThreadLocalRandom.current().nextLong()));

  private final SnapshotCache snapshots;
  private final LongSupplier clockMillis;

  /** A selector reading {@code snapshots}. */
  public ArmSelector(SnapshotCache snapshots, LongSupplier clockMillis) {
    this.snapshots = snapshots;
    this.clockMillis = clockMillis;
  }

  /** Chooses an arm for a request without a unit id. */
  public Decision select(String key, double[] context) {
    return select(key, "", context);
  }

  /**
   * Chooses an arm of bandit {@code key} for {@code context} (empty unless the policy is
   * contextual). On a sticky bandit a unit keeps the arm it got first (while that arm is active),
   * whatever the context. Throws {@code NotFoundException}, {@code FailedPreconditionException}
   * (archived, no active arm) or {@code ValidationException} (context of the wrong length).
   */
  public Decision select(String key, String unitId, double[] context) {
    BanditSnapshot snapshot =
        snapshots
            .find(key)
            .orElseThrow(() -> new NotFoundException("bandit '" + key + "' not found"));
    BanditDefinition d = snapshot.definition();
    if (d.archived()) {
      throw new FailedPreconditionException("bandit '" + key + "' is archived");
    }
    if (snapshot.activeArmIds().isEmpty()) {
      throw new FailedPreconditionException("bandit '" + key + "' has no active arm");
    }
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
    for (int i = 0; i < features.length; i++) {
      if (!Double.isFinite(features[i])) {
        throw ValidationException.of("context[" + i + "]", "must be a finite number");
      }
    }
    long now = clockMillis.getAsLong();
    boolean sticky = d.isSticky() && !unitId.isEmpty();
    if (sticky) {
      Optional<StickyAssignment> held = snapshots.stickyTable(key).find(unitId, now);
      if (held.isPresent() && snapshot.activeArmIds().contains(held.get().armId())) {
        return decision(key, d, held.get().armId(), held.get().propensity(), features, now, true);
      }
    }
    int arm = snapshot.prepared().choose(features, RANDOM.get());
    Propensity propensity = snapshot.prepared().propensity(arm, features);
    String armId = snapshot.activeArmIds().get(arm);
    if (sticky) {
      long duration = d.stickyDuration().toMillis();
      StickyAssignment mine = new StickyAssignment(unitId, armId, propensity, now + duration);
      StickyAssignment held = snapshots.claimSticky(key, mine, now, duration);
      if (held != mine) {
        return decision(key, d, held.armId(), held.propensity(), features, now, true);
      }
    }
    return decision(key, d, armId, propensity, features, now, false);
  }

  private static Decision decision(
      String key,
      BanditDefinition d,
      String armId,
      Propensity propensity,
      double[] features,
      long now,
      boolean sticky) {
    long expiresAt = now + d.decisionTtl().toMillis();
    ThreadLocalRandom random = ThreadLocalRandom.current();
    DecisionToken token =
        new DecisionToken(
            key,
            armId,
            propensity.value(),
            features,
            expiresAt,
            random.nextLong(),
            random.nextLong());
    return new Decision(armId, token.encode(), propensity, expiresAt, sticky);
  }
}
