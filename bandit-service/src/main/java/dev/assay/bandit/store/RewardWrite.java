package dev.assay.bandit.store;

import java.util.Map;

/**
 * One reward to apply: the idempotency marker it claims ({@code markerId}, unique within the
 * bandit, remembered until {@code markerExpiresAtMillis}), the arm, the statistic increments, and
 * the decision-log entry to append when applied (empty for none).
 */
public record RewardWrite(
    String markerId,
    String armId,
    Map<String, Double> increments,
    String logEntry,
    long markerExpiresAtMillis) {
  /** Defensive copy. */
  public RewardWrite {
    increments = Map.copyOf(increments);
  }
}
