package dev.assay.analysis.results;

import java.util.OptionalDouble;

/**
 * Progress towards the planned sample size.
 *
 * @param plannedUnits the plan's units; 0 when none
 * @param exposedUnits units exposed so far
 * @param fraction exposed / planned, capped at 1; 0 without a plan
 * @param estimatedDaysLeft days until the plan is reached at the rate so far; empty when unknown or
 *     reached
 */
public record Progress(
    long plannedUnits, long exposedUnits, double fraction, OptionalDouble estimatedDaysLeft) {
  /** Whether the planned size is set and reached. */
  public boolean isReached() {
    return plannedUnits > 0 && exposedUnits >= plannedUnits;
  }
}
