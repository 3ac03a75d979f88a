package dev.assay.bandit.selection;

import dev.assay.bandit.definition.BanditDefinition;
import dev.assay.bandit.propensity.Propensity;
import dev.assay.runtime.errors.FailedPreconditionException;
import dev.assay.runtime.errors.NotFoundException;
import dev.assay.runtime.errors.ValidationException;
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

  /**
   * Chooses an arm of bandit {@code key} for {@code context} (empty unless the policy is contextual).
   * Throws {@code NotFoundException}, {@code FailedPreconditionException} (archived, no active arm)
   * or {@code ValidationException} (context of the wrong length).
   */
  public Decision select(String key, double[] context) {
    BanditSnapshot snapshot = snapshots.find(key)
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
      throw ValidationException.of("context", "must have exactly " + dimension
          + " features for policy " + d.policy().kindName() + ", got " + context.length);
    }
    for (int i = 0; i < features.length; i++) {
      if (!Double.isFinite(features[i])) {
        throw ValidationException.of("context[" + i + "]", "must be a finite number");
      }
    }
    int arm = snapshot.prepared().choose(features, RANDOM.get());
    Propensity propensity = snapshot.prepared().propensity(arm, features);
    String armId = snapshot.activeArmIds().get(arm);
    long expiresAt = clockMillis.getAsLong() + d.decisionTtl().toMillis();
    ThreadLocalRandom random = ThreadLocalRandom.current();
    DecisionToken token = new DecisionToken(
        key, armId, propensity.value(), features, expiresAt, random.nextLong(), random.nextLong());
    return new Decision(armId, token.encode(), propensity, expiresAt);
  }
}
