package dev.assay.bandit.rewards;

import dev.assay.bandit.decisionkeys.DecisionKeyRing;
import dev.assay.bandit.definition.BanditDefinition;
import dev.assay.bandit.definition.DefinitionRules;
import dev.assay.bandit.definition.NumericLimits;
import dev.assay.bandit.selection.DecisionIds;
import dev.assay.bandit.selection.DecisionToken;
import dev.assay.bandit.selection.SignedDecision;
import dev.assay.runtime.errors.FailedPreconditionException;
import dev.assay.runtime.errors.Violations;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What a decision id must be before its reward writes anything: bounded in size before it is
 * decoded, signed by a key of this service (MAC verified before any field is read), for the
 * request's bandit when the request names one, signed by a key still accepted, fitting the bandit
 * it names, and unexpired. Its contents are still bounded like any request field, so that a leaked
 * key cannot write what no Select returns. Codes, all naming the {@code decision_id} field:
 *
 * <ul>
 *   <li>too long, malformed, bad MAC or unknown key id → {@code INVALID_ARGUMENT} with one text for
 *       the last three ({@value #NOT_ISSUED_HERE}), so a forger learns nothing of which part
 *       failed;
 *   <li>for another bandit than the request's {@code bandit_key}, or contents no Select returns →
 *       {@code INVALID_ARGUMENT};
 *   <li>naming an arm the bandit does not have or a context of another dimension → {@code
 *       FAILED_PRECONDITION};
 *   <li>past its expiry, or signed with a key superseded longer ago than the bandit's decision TTL
 *       → {@code FAILED_PRECONDITION} "expired".
 * </ul>
 */
final class DecisionChecks {
  /**
   * Replica clocks may disagree by this much: an id made on a replica whose clock runs ahead may
   * expire up to this long after the reading replica's {@code now + MAX_DECISION_TTL}.
   */
  static final Duration CLOCK_SKEW_ALLOWANCE = Duration.ofMinutes(1);

  /** The one answer to an id this service did not sign, whatever part of it failed. */
  static final String NOT_ISSUED_HERE = "not a decision id issued by this service";

  private DecisionChecks() {}

  /**
   * The decision {@code id} carries if a key of {@code ring} signed it, or empty with a violation
   * recorded on {@code field} when it is too long, not signed by this service, or its contents are
   * out of bounds.
   */
  static Optional<SignedDecision> read(
      Violations v, String field, String id, DecisionKeyRing ring, long nowMillis) {
    if (id.length() > DecisionIds.MAX_ID_LENGTH) {
      v.add(field, "at most " + DecisionIds.MAX_ID_LENGTH + " characters, got " + id.length());
      return Optional.empty();
    }
    Optional<SignedDecision> signed = DecisionIds.open(id, ring);
    if (signed.isEmpty()) {
      v.add(field, NOT_ISSUED_HERE);
      return Optional.empty();
    }
    String problem = problem(signed.get().token(), nowMillis);
    if (problem != null) {
      v.add(field, problem);
      return Optional.empty();
    }
    return signed;
  }

  /**
   * Whether decision {@code t} is for {@code requestBanditKey} (always, when the request names no
   * bandit); records a violation on {@code field} when it is not.
   */
  static boolean isForRequestedBandit(
      Violations v, String field, DecisionToken t, String requestBanditKey) {
    if (requestBanditKey.isEmpty() || requestBanditKey.equals(t.banditKey())) {
      return true;
    }
    v.add(
        field,
        "belongs to another bandit ('"
            + t.banditKey()
            + "') than the request's bandit_key ('"
            + requestBanditKey
            + "')");
    return false;
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
   * Rejects a decision that does not fit bandit {@code d} as it is defined now, or that expired:
   * itself, or because the key that signed it was superseded (by the activation of a later key of
   * {@code ring}) longer ago than {@code d}'s decision TTL plus {@link #CLOCK_SKEW_ALLOWANCE}.
   *
   * @throws FailedPreconditionException if the arm is unknown to the bandit, the context has
   *     another dimension than its policy reads, or the decision expired
   */
  static void requireFits(
      String field,
      SignedDecision signed,
      DecisionKeyRing ring,
      BanditDefinition d,
      long nowMillis) {
    DecisionToken t = signed.token();
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
              + ": expired at "
              + Instant.ofEpochMilli(t.expiresAtMillis())
              + "; rewards are taken until then");
    }
    Optional<Instant> superseded =
        ring.supersededAt(signed.keyId(), Instant.ofEpochMilli(nowMillis));
    if (superseded.isPresent()) {
      Instant acceptedUntil = superseded.get().plus(d.decisionTtl()).plus(CLOCK_SKEW_ALLOWANCE);
      if (!Instant.ofEpochMilli(nowMillis).isBefore(acceptedUntil)) {
        throw new FailedPreconditionException(
            field
                + ": expired: signed with key '"
                + signed.keyId()
                + "', superseded at "
                + superseded.get()
                + "; its ids take rewards until "
                + acceptedUntil
                + " (the bandit's decision TTL and 1 minute of clock skew later)");
      }
    }
  }
}
