package dev.assay.assignment.overrides;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A forced outcome for one unit: a variation key (experiments) or a value (flags). Beats every
 * rule.
 *
 * @param target the experiment or flag
 * @param unitId the unit
 * @param variationKey the forced variation, for experiments (else null)
 * @param flagValue the forced value, for flags (plain Java JSON; may be null only for JSON flags)
 * @param expireTime when it stops applying, or null for never
 * @param reason why it was set
 * @param setBy who set it
 * @param createTime when it was written
 */
public record UnitOverride(
    OverrideTarget target,
    String unitId,
    @Nullable String variationKey,
    @Nullable Object flagValue,
    @Nullable Instant expireTime,
    String reason,
    String setBy,
    Instant createTime) {

  /** Whether it still applies at {@code now}. */
  public boolean isActiveAt(Instant now) {
    return isActiveAt(now.toEpochMilli());
  }

  /** Whether it still applies at {@code nowMillis} (epoch milliseconds). */
  public boolean isActiveAt(long nowMillis) {
    return expireTime == null || expireTime.toEpochMilli() > nowMillis;
  }

  /** A copy for another unit, as bulk writes make them. */
  public UnitOverride forUnit(String otherUnitId) {
    return new UnitOverride(
        target, otherUnitId, variationKey, flagValue, expireTime, reason, setBy, createTime);
  }

  /** A copy written at {@code time}. */
  public UnitOverride createdAt(Instant time) {
    return new UnitOverride(
        target, unitId, variationKey, flagValue, expireTime, reason, setBy, time);
  }
}
