package dev.assay.analysis.api;

import dev.assay.analysis.inference.ConfidenceLevel;
import dev.assay.analysis.means.SampleSummary;
import dev.assay.analysis.proportions.BinomialCounts;
import dev.assay.runtime.errors.ValidationException;
import dev.assay.runtime.errors.Violations;
import java.util.List;
import java.util.Optional;

/**
 * Validation of the request fields several RPCs share. Each check records a violation naming the
 * field (e.g. {@code samples.control.values[3]}) and the allowed range; those that build a domain
 * value return it, or empty once they have recorded what is wrong.
 */
final class FieldChecks {
  private FieldChecks() {}

  /** A probability-like setting in (0, 1), or {@code defaultValue} when unset. */
  static double openUnitInterval(
      Violations violations, boolean isSet, double value, String field, double defaultValue) {
    if (!isSet) {
      return defaultValue;
    }
    violations.check(!(value > 0.0 && value < 1.0), field, "must be in (0, 1), got " + value);
    return value;
  }

  /** A request's {@code confidence_level}: 0.95 when unset, else checked to be in (0, 1). */
  static double confidenceLevel(Violations violations, boolean isSet, double level) {
    return openUnitInterval(
        violations, isSet, level, "confidence_level", ConfidenceLevel.DEFAULT.value());
  }

  /**
   * Every value finite; reports the first bad index only (a sample may hold millions). Returns
   * whether all were finite.
   */
  static boolean finiteValues(Violations violations, List<Double> values, String field) {
    for (int i = 0; i < values.size(); i++) {
      double v = values.get(i);
      if (!Double.isFinite(v)) {
        violations.add(field + "[" + i + "]", "must be a finite number, got " + v);
        return false;
      }
    }
    return true;
  }

  /** At least {@code minimum} values; returns whether there were. */
  static boolean minimumSize(Violations violations, long size, long minimum, String field) {
    violations.check(size < minimum, field, "needs at least " + minimum + " values, got " + size);
    return size >= minimum;
  }

  /** Every count >= 0 (naming each negative one); returns them all. */
  static long[] nonNegativeCounts(Violations violations, List<Long> counts, String field) {
    long[] array = new long[counts.size()];
    for (int i = 0; i < array.length; i++) {
      array[i] = counts.get(i);
      violations.check(array[i] < 0, field + "[" + i + "]", "must be >= 0, got " + array[i]);
    }
    return array;
  }

  /** Whether no count is above 0. */
  static boolean isAllZero(long[] counts) {
    for (long count : counts) {
      if (count > 0) {
        return false;
      }
    }
    return true;
  }

  /** Every weight positive and finite (naming each bad one); returns them all. */
  static double[] positiveWeights(Violations violations, List<Double> weights, String field) {
    double[] array = toArray(weights);
    for (int i = 0; i < array.length; i++) {
      violations.check(
          !(array[i] > 0.0 && Double.isFinite(array[i])),
          field + "[" + i + "]",
          "must be positive and finite, got " + array[i]);
    }
    return array;
  }

  /** Successes out of at least one trial. */
  static Optional<BinomialCounts> counts(
      Violations violations, dev.assay.analysis.v1.BinomialCounts proto, String field) {
    long trials = proto.getTrials();
    long successes = proto.getSuccesses();
    boolean isTrialsBad = trials < 1;
    boolean isSuccessesBad = successes < 0 || successes > trials;
    violations
        .check(isTrialsBad, field + ".trials", "must be at least 1, got " + trials)
        .check(
            isSuccessesBad && !isTrialsBad,
            field + ".successes",
            "must be between 0 and trials (" + trials + "), got " + successes);
    return isTrialsBad || isSuccessesBad
        ? Optional.empty()
        : Optional.of(new BinomialCounts(successes, trials));
  }

  /** Count >= 2, a finite mean and a finite variance >= 0. */
  static Optional<SampleSummary> summary(
      Violations violations, dev.assay.analysis.v1.SampleSummary proto, String field) {
    return summary(violations, proto, field, false);
  }

  /** As {@link #summary}, with a variance above 0 (posteriors need some spread). */
  static Optional<SampleSummary> positiveVarianceSummary(
      Violations violations, dev.assay.analysis.v1.SampleSummary proto, String field) {
    return summary(violations, proto, field, true);
  }

  private static Optional<SampleSummary> summary(
      Violations violations,
      dev.assay.analysis.v1.SampleSummary proto,
      String field,
      boolean isZeroVarianceBad) {
    long count = proto.getCount();
    double mean = proto.getMean();
    double variance = proto.getVariance();
    boolean isCountBad = count < 2;
    boolean isMeanBad = !Double.isFinite(mean);
    boolean isVarianceBad =
        !(Double.isFinite(variance) && (isZeroVarianceBad ? variance > 0.0 : variance >= 0.0));
    violations
        .check(isCountBad, field + ".count", "must be at least 2, got " + count)
        .check(isMeanBad, field + ".mean", "must be a finite number, got " + mean)
        .check(
            isVarianceBad,
            field + ".variance",
            (isZeroVarianceBad ? "must be positive and finite" : "must be finite and >= 0")
                + ", got "
                + variance);
    return isCountBad || isMeanBad || isVarianceBad
        ? Optional.empty()
        : Optional.of(new SampleSummary(count, mean, variance));
  }

  /** Unboxes a repeated double field. */
  static double[] toArray(List<Double> values) {
    double[] array = new double[values.size()];
    for (int i = 0; i < array.length; i++) {
      array[i] = values.get(i);
    }
    return array;
  }

  /** Rejects a response whose figures overflowed, instead of returning NaN or infinity. */
  static void requireFinite(String field, double... figures) {
    for (double figure : figures) {
      if (!Double.isFinite(figure)) {
        throw ValidationException.of(
            field, "values too large: the statistics overflow double precision; rescale the data");
      }
    }
  }
}
