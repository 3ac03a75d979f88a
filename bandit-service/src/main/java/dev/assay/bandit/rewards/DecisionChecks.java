package dev.assay.bandit.rewards;

import dev.assay.bandit.definition.BanditDefinition;
import dev.assay.bandit.definition.DefinitionRules;
import dev.assay.bandit.definition.NumericLimits;
import dev.assay.bandit.selection.DecisionToken;
import dev.assay.runtime.errors.FailedPreconditionException;
import dev.assay.runtime.errors.NotFoundException;
import dev.assay.runtime.errors.Violations;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What a decision id must be before its reward writes anything. Decision ids are integrity-checked
 * but not authenticated, so every field is treated as hostile: the id is bounded in size before it
 * is decoded, its contents are bounded like any request field, and the decision must fit the bandit
 * it names. Codes: too long or out-of-bounds contents → {@code INVALID_ARGUMENT} naming the {@code
 * decision_id} field; not decodable → {@code NOT_FOUND} (an unknown decision); well formed but
 * naming an arm the bandit does not have or a context of another dimension → {@code
 * FAILED_PRECONDITION}; past its expiry → {@code FAILED_PRECONDITION}.
 */
final class DecisionChecks {
  /**
   * Replica clocks may disagree by this much: an id made on a replica whose clock runs ahead may
   * expire up to this long after the reading replica's {@code now + MAX_DECISION_TTL}.
   */
  static final Duration CLOCK_SKEW_ALLOWANCE = Duration.ofMinutes(1);

  private DecisionChecks() {}

  /**
   * The decision {@code id} carries, or empty with a violation recorded on {@code field} when the
   * id or its contents are out of bounds.
   *
   * @throws NotFoundException if the id cannot be decoded (malformed or failing its checksum)
   */
  static Optional<DecisionToken> read(Violations v, String field, String id, long nowMillis) {
    if (id.length() > DecisionToken.MAX_ID_LENGTH) {
      v.add(field, "at most " + DecisionToken.MAX_ID_LENGTH + " characters, got " + id.length());
      return Optional.empty();
    }
    DecisionToken token =
        DecisionToken.decode(id)
            .orElseThrow(() -> new NotFoundException(field + ": unknown decision id"));
    String problem = problem(token, nowMillis);
    if (problem != null) {
      v.add(field, problem);
      return Optional.empty();
    }
    return Optional.of(token);
  }

  /** What makes a decoded id impossible for Select to have returned, or null if nothing does. */
  private static @Nullable String problem(DecisionToken t, long now) {
    if (!DefinitionRules.isValidKey(t.banditKey())) {
      return "names no valid bandit key";
    }
    if (!DefinitionRules.isValidArmId(t.armId())) {
      return "names no valid arm id";
    }
    // A Monte Carlo propensity of a chosen arm may be 0 (it won none of the precomputed draws),
    // so 0 is a propensity real ids carry; off-policy evaluation skips such decisions.
    if (!(t.propensity() >= 0 && t.propensity() <= 1)) {
      return "carries a propensity outside [0, 1]";
    }
    if (t.context().length > DefinitionRules.MAX_DIMENSION) {
      return "carries more than " + DefinitionRules.MAX_DIMENSION + " context features";
    }
    for (double x : t.context()) {
      if (!NumericLimits.isFeatureInRange(x)) {
        return "carries a context feature outside ±" + NumericLimits.MAX_ABS_FEATURE;
      }
    }
    long latest =
        now + DefinitionRules.MAX_DECISION_TTL.toMillis() + CLOCK_SKEW_ALLOWANCE.toMillis();
    if (t.expiresAtMillis() > latest) {
      return "expires later than the longest decision TTL (30 days) allows";
    }
    return null;
  }

  /**
   * Rejects a decision that does not fit bandit {@code d} as it is defined now, or that expired.
   *
   * @throws FailedPreconditionException if the arm is unknown to the bandit, the context has
   *     another dimension than its policy reads, or the decision expired
   */
  static void requireFits(String field, DecisionToken t, BanditDefinition d, long nowMillis) {
    if (d.arm(t.armId()).isEmpty()) {
      throw new FailedPreconditionException(
          field
              + ": the decision names arm '"
              + t.armId()
              + "', which bandit '"
              + d.key()
              + "' does not have");
    }
    int dimension = d.policy().contextDimension();
    if (t.context().length != dimension) {
      throw new FailedPreconditionException(
          field
              + ": the decision carries "
              + t.context().length
              + " context features; bandit '"
              + d.key()
              + "' reads "
              + dimension);
    }
    if (t.expiresAtMillis() <= nowMillis) {
      throw new FailedPreconditionException(
          field
              + ": decision expired at "
              + Instant.ofEpochMilli(t.expiresAtMillis())
              + "; rewards are taken until then");
    }
  }
}
