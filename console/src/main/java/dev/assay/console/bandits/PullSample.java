package dev.assay.console.bandits;

import java.time.Instant;
import java.util.Map;

/**
 * A bandit's pulls per arm (rewards recorded, as InspectBandit reports them) at one moment.
 *
 * @param time when the sample was taken
 * @param pullsByArm arm id to pulls, in the bandit's arm order
 */
public record PullSample(Instant time, Map<String, Double> pullsByArm) {
  /** Copies the map, keeping its order. */
  public PullSample {
    pullsByArm = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(pullsByArm));
  }
}
