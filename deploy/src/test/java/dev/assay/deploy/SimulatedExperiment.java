package dev.assay.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The ground truth of a simulated experiment: which variation each unit saw (as the assignment
 * service answered) and every outcome event it produced, kept raw so that the expected figures can
 * be computed offline, independently of the service's aggregates.
 */
final class SimulatedExperiment {
  /** A unit's raw outcomes: whether it purchased, and its latency events in milliseconds. */
  record UnitOutcomes(String unitId, int variation, boolean purchased, List<Double> latencies) {}

  private final List<UnitOutcomes> units = new ArrayList<>();

  /**
   * Draws a unit's outcomes: a purchase with probability {@code purchaseRates[variation]}, and 1-3
   * latency events around {@code latencyMeans[variation]} (normal, sd 40 ms).
   */
  void draw(
      String unitId,
      int variation,
      double[] purchaseRates,
      double[] latencyMeans,
      SplittableRandom random) {
    boolean purchased = random.nextDouble() < purchaseRates[variation];
    int events = 1 + random.nextInt(3);
    List<Double> latencies = new ArrayList<>();
    for (int i = 0; i < events; i++) {
      latencies.add(latencyMeans[variation] + 40.0 * gaussian(random));
    }
    units.add(new UnitOutcomes(unitId, variation, purchased, List.copyOf(latencies)));
  }

  List<UnitOutcomes> units() {
    return List.copyOf(units);
  }

  /** Exposed units of a variation. */
  long units(int variation) {
    return units.stream().filter(u -> u.variation() == variation).count();
  }

  /** Units of a variation that purchased. */
  long purchases(int variation) {
    return units.stream().filter(u -> u.variation() == variation && u.purchased()).count();
  }

  /** Per-unit mean latencies of a variation (the MEAN metric's per-unit values). */
  double[] unitLatencyMeans(int variation) {
    return units.stream()
        .filter(u -> u.variation() == variation)
        .mapToDouble(
            u ->
                u.latencies().stream().mapToDouble(Double::doubleValue).sum()
                    / u.latencies().size())
        .toArray();
  }

  /** Sample mean, two-pass. */
  static double mean(double[] values) {
    double sum = 0;
    for (double v : values) {
      sum += v;
    }
    return sum / values.length;
  }

  /** Unbiased sample variance, two-pass. */
  static double variance(double[] values) {
    double mean = mean(values);
    double squares = 0;
    for (double v : values) {
      squares += (v - mean) * (v - mean);
    }
    return squares / (values.length - 1);
  }

  private static double gaussian(SplittableRandom random) {
    // Box-Muller: the JDK 17 SplittableRandom has no nextGaussian.
    double u = 1.0 - random.nextDouble();
    double v = random.nextDouble();
    return Math.sqrt(-2.0 * Math.log(u)) * Math.cos(2.0 * Math.PI * v);
  }
}
