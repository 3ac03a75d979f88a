package dev.assay.analysis.outcomes;

/**
 * One metric reading events sent under another metric's key: itself, or a RATIO reading them as its
 * numerator or denominator.
 *
 * @param rule the reading metric's rule
 * @param part which of its inputs the events are
 */
public record Reading(MetricRule rule, Part part) {
  /** Which input of the reading metric the events feed. */
  public enum Part {
    /** The metric's own events. */
    SELF,
    /** A RATIO's numerator. */
    NUMERATOR,
    /** A RATIO's denominator. */
    DENOMINATOR
  }
}
