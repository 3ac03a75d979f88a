package dev.assay.analysis.results;

import dev.assay.analysis.aggregates.ExperimentAggregate;
import dev.assay.analysis.aggregates.VariationAggregate;
import dev.assay.analysis.aggregates.WeightEpoch;
import dev.assay.analysis.experiments.ExperimentDefinition;
import dev.assay.analysis.srm.SampleRatioCheck;
import dev.assay.analysis.srm.SampleRatioResult;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeMap;

/** Who was exposed: the variations, the shares the weights expected, the SRM check, progress. */
final class Exposures {
  private static final double SECONDS_PER_DAY = 86_400.0;

  private Exposures() {}

  /**
   * The variations, by index: the definition's when known (a variation nobody saw has 0 units),
   * else those with exposures; units from {@code analysed}, shares from {@code srmBasis}'s epochs.
   */
  static List<VariationShare> variations(
      ExperimentAggregate analysed,
      ExperimentAggregate srmBasis,
      Optional<ExperimentDefinition> definition) {
    TreeMap<Integer, String> keys = new TreeMap<>();
    definition.ifPresent(
        d -> {
          for (int i = 0; i < d.variationKeys().size(); i++) {
            keys.put(i, d.variationKeys().get(i));
          }
        });
    for (VariationAggregate v : analysed.variations()) {
      keys.putIfAbsent(v.variationIndex(), v.variationKey());
    }
    for (VariationAggregate v : srmBasis.variations()) {
      keys.putIfAbsent(v.variationIndex(), v.variationKey());
    }
    double[] expected = expectedCounts(srmBasis.epochs(), keys.isEmpty() ? 0 : keys.lastKey() + 1);
    double expectedTotal = 0;
    for (double e : expected) {
      expectedTotal += e;
    }
    List<VariationShare> shares = new ArrayList<>();
    for (var entry : keys.entrySet()) {
      int index = entry.getKey();
      double share = expectedTotal > 0 ? expected[index] / expectedTotal : 0.0;
      shares.add(new VariationShare(index, entry.getValue(), units(analysed, index), share));
    }
    return shares;
  }

  /** Σ over epochs of the epoch's units × the variation's normalised weight. */
  static double[] expectedCounts(List<WeightEpoch> epochs, int variations) {
    double[] expected = new double[variations];
    for (WeightEpoch epoch : epochs) {
      double units = 0;
      for (long u : epoch.units()) {
        units += (double) u;
      }
      double weightSum = 0;
      for (double w : epoch.weights()) {
        weightSum += w;
      }
      int arms = Math.min(variations, epoch.weights().size());
      for (int i = 0; i < arms; i++) {
        // All-zero weights mean equal weights, as the assignment service reads them.
        double share =
            weightSum > 0 ? epoch.weights().get(i) / weightSum : 1.0 / epoch.weights().size();
        expected[i] += units * share;
      }
    }
    return expected;
  }

  /**
   * Pearson's chi-square of the assigned units against the expected shares ({@link
   * SampleRatioCheck}, threshold p < 0.001); empty with fewer than two variations or no unit. Units
   * in a variation whose expected share is 0 are a mismatch on their own (p = 0).
   */
  static Optional<SampleRatioResult> sampleRatio(
      List<VariationShare> variations, ExperimentAggregate srmBasis) {
    List<Long> observed = new ArrayList<>();
    List<Double> shares = new ArrayList<>();
    boolean isUnexpectedArmUsed = false;
    long total = 0;
    for (VariationShare v : variations) {
      long units = units(srmBasis, v.index());
      total += units;
      if (v.expectedShare() > 0) {
        observed.add(units);
        shares.add(v.expectedShare());
      } else if (units > 0) {
        isUnexpectedArmUsed = true;
      }
    }
    if (observed.size() < 2 || total == 0) {
      return Optional.empty();
    }
    SampleRatioResult result =
        SampleRatioCheck.check(
            observed.stream().mapToLong(Long::longValue).toArray(),
            shares.stream().mapToDouble(Double::doubleValue).toArray(),
            SampleRatioCheck.DEFAULT_THRESHOLD);
    if (isUnexpectedArmUsed) {
      return Optional.of(
          new SampleRatioResult(
              result.statistic(), result.degreesOfFreedom(), 0.0, true, result.expectedCounts()));
    }
    return Optional.of(result);
  }

  /** Progress against the plan, with the days left at the exposure rate since the first one. */
  static Progress progress(long plannedUnits, long exposed, ExperimentAggregate analysed) {
    if (plannedUnits <= 0) {
      return new Progress(0, exposed, 0.0, OptionalDouble.empty());
    }
    double fraction = Math.min(1.0, (double) exposed / (double) plannedUnits);
    OptionalDouble daysLeft = OptionalDouble.empty();
    if (exposed > 0 && exposed < plannedUnits && analysed.firstExposure().isPresent()) {
      Instant first = analysed.firstExposure().get();
      double elapsedDays =
          Duration.between(first, analysed.asOf()).toMillis() / 1000.0 / SECONDS_PER_DAY;
      if (elapsedDays > 0) {
        double perDay = exposed / elapsedDays;
        daysLeft = OptionalDouble.of((plannedUnits - exposed) / perDay);
      }
    }
    return new Progress(plannedUnits, exposed, fraction, daysLeft);
  }

  static long units(ExperimentAggregate aggregate, int index) {
    for (VariationAggregate v : aggregate.variations()) {
      if (v.variationIndex() == index) {
        return v.units();
      }
    }
    return 0;
  }
}
