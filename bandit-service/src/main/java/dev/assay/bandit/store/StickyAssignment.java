package dev.assay.bandit.store;

import dev.assay.bandit.propensity.Propensity;

/** A unit's sticky arm: chosen with {@code propensity}, kept until {@code expiresAtMillis}. */
public record StickyAssignment(
    String unitId, String armId, Propensity propensity, long expiresAtMillis) {
  /** Whether the assignment still holds at {@code nowMillis}. */
  public boolean isLiveAt(long nowMillis) {
    return expiresAtMillis > nowMillis;
  }
}
