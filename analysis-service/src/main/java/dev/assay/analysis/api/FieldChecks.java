package dev.assay.analysis.api;

import dev.assay.analysis.inference.ConfidenceLevel;
import dev.assay.analysis.means.SampleSummary;
import dev.assay.analysis.proportions.BinomialCounts;
import dev.assay.runtime.errors.ValidationException;
import dev.assay.runtime.errors.Violations;
import java.util.List;
import java.util.Optional;

/**
 * Validation of the request fields several RPCs share, and the numeric ranges every RPC accepts
 * (docs/operations.md, "Limits: analysis service"). Each check records a violation naming the field
 * (e.g. {@code samples.control.values[3]}) and the allowed range; those that build a domain value
 * return it, or empty once they have recorded what is wrong.
 *
 * <p>The ranges are wide enough for any real experiment and narrow enough that the statistics stay
 * inside double precision: a value of 1e100 squared and summed over millions of units is still
 * finite, and a probability of 1e-12 still has a finite normal or t quantile.
 */
final class FieldChecks {
  /** Largest magnitude of a measured value: sample values, means, effects, priors' means. */
  static final double MAX_MAGNITUDE = 1e100;

  /** Smallest positive standard deviation (the largest is {@link #MAX_MAGNITUDE}). */
  static final double MIN_STANDARD_DEVIATION = 1e-100;

  /** Largest variance (the square of {@link #MAX_MAGNITUDE}). */
  static final double MAX_VARIANCE = 1e200;

  /** Smallest positive variance where one must be positive (the square of 1e-100). */
  static final double MIN_POSITIVE_VARIANCE = 1e-200;

  /** Largest count of units, trials or events, and of a table's or a request's total: 10^15. */
  static final long MAX_COUNT = 1_000_000_000_000_000L;

  /** Probabilities and levels (alpha, power, confidence) lie in [this, 1 - this]. */
  static final double PROBABILITY_MARGIN = 1e-12;

  /** Relative weights (expected arm weights) lie in [1 / this, this]. */
  static final double MAX_WEIGHT = 1e9;

  private static final String PROBABILITY_RANGE = "must be in [1e-12, 1 - 1e-12]";
  private static final String MEASUREMENT_RANGE = "must be finite with magnitude at most 1e100";

  private FieldChecks() {}

  /**
   * A probability-like setting strictly inside (0, 1), at least 1e-12 away from both ends, or
   * {@code defaultValue} when unset.
   */
  static double openUnitInterval(
      Violations violations, boolean isSet, double value, String field, double defaultValue) {
    if (!isSet) {
      return defaultValue;
    }
    violations.check(!isProbability(value), field, PROBABILITY_RANGE + ", got " + value);
    return value;
  }

  /** Whether {@code value} is in [1e-12, 1 - 1e-12]. */
  static boolean isProbability(double value) {
    return value >= PROBABILITY_MARGIN && value <= 1.0 - PROBABILITY_MARGIN;
  }

  /** Whether {@code value} is finite with magnitude at most 1e100. */
  static boolean isMeasurement(double value) {
    return Math.abs(value) <= MAX_MAGNITUDE;
  }

  /** A measured value (a mean, an effect): finite, magnitude at most 1e100; returns whether. */
  static boolean measurement(Violations violations, double value, String field) {
    boolean isValid = isMeasurement(value);
    violations.check(!isValid, field, MEASUREMENT_RANGE + ", got " + value);
    return isValid;
  }

  /** A standard deviation in [1e-100, 1e100]; returns whether it is. */
  static boolean standardDeviation(Violations violations, double value, String field) {
    boolean isValid = value >= MIN_STANDARD_DEVIATION && value <= MAX_MAGNITUDE;
    violations.check(!isValid, field, "must be in [1e-100, 1e100], got " + value);
    return isValid;
  }

  /**
   * A variance: in [0, 1e200], or in [1e-200, 1e200] when {@code isZeroBad}; returns whether it is.
   */
  static boolean variance(Violations violations, double value, String field, boolean isZeroBad) {
    double lowest = isZeroBad ? MIN_POSITIVE_VARIANCE : 0.0;
    boolean isValid = value >= lowest && value <= MAX_VARIANCE;
    violations.check(
        !isValid, field, "must be in [" + (isZeroBad ? "1e-200" : "0") + ", 1e200], got " + value);
    return isValid;
  }

  /** A count in [minimum, 10^15]; returns whether it is. */
  static boolean count(Violations violations, long value, long minimum, String field) {
    boolean isValid = value >= minimum && value <= MAX_COUNT;
    violations.check(!isValid, field, "must be in [" + minimum + ", 1e15], got " + value);
    return isValid;
  }

  /** A request's {@code confidence_level}: 0.95 when unset, else checked to be in (0, 1). */
  static double confidenceLevel(Violations violations, boolean isSet, double level) {
    return openUnitInterval(
        violations, isSet, level, "confidence_level", ConfidenceLevel.DEFAULT.value());
  }

  /**
   * Every value finite with magnitude at most 1e100; reports the first bad index only (a sample may
   * hold millions). Returns whether all were.
   */
  static boolean finiteValues(Violations violations, List<Double> values, String field) {
    for (int i = 0; i < values.size(); i++) {
      double v = values.get(i);
      if (!isMeasurement(v)) {
        violations.add(field + "[" + i + "]", MEASUREMENT_RANGE + ", got " + v);
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

  /**
   * Every count in [0, 10^15] (naming the first bad one) and their total at most 10^15; returns
   * them all.
   */
  static long[] nonNegativeCounts(Violations violations, List<Long> counts, String field) {
    long[] array = new long[counts.size()];
    boolean isEachValid = true;
    long total = 0;
    for (int i = 0; i < array.length; i++) {
      array[i] = counts.get(i);
      // Only the first bad count is named: the list may hold thousands.
      isEachValid = isEachValid && count(violations, array[i], 0, field + "[" + i + "]");
      total = isEachValid ? Math.min(MAX_COUNT + 1, total + array[i]) : total;
    }
    violations.check(isEachValid && total > MAX_COUNT, field, "must sum to at most 1e15, got more");
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

  /** Every weight in [1e-9, 1e9] (naming the first bad one); returns them all. */
  static double[] positiveWeights(Violations violations, List<Double> weights, String field) {
    double[] array = toArray(weights);
    for (int i = 0; i < array.length; i++) {
      if (!(array[i] >= 1.0 / MAX_WEIGHT && array[i] <= MAX_WEIGHT)) {
        violations.add(field + "[" + i + "]", "must be in [1e-9, 1e9], got " + array[i]);
        break;
      }
    }
    return array;
  }

  /** Successes out of at least one trial. */
  static Optional<BinomialCounts> counts(
      Violations violations, dev.assay.analysis.v1.BinomialCounts proto, String field) {
    long trials = proto.getTrials();
    long successes = proto.getSuccesses();
    boolean isTrialsBad = !count(violations, trials, 1, field + ".trials");
    boolean isSuccessesBad = successes < 0 || successes > trials;
    violations.check(
        isSuccessesBad && !isTrialsBad,
        field + ".successes",
        "must be between 0 and trials (" + trials + "), got " + successes);
    return isTrialsBad || isSuccessesBad
        ? Optional.empty()
        : Optional.of(new BinomialCounts(successes, trials));
  }

  /** Count in [2, 1e15], mean of magnitude at most 1e100 and variance in [0, 1e200]. */
  static Optional<SampleSummary> summary(
      Violations violations, dev.assay.analysis.v1.SampleSummary proto, String field) {
    return summary(violations, proto, field, false);
  }

  /** As {@link #summary}, with a variance of at least 1e-200 (posteriors need some spread). */
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
    boolean isCountBad = !count(violations, count, 2, field + ".count");
    boolean isMeanBad = !measurement(violations, mean, field + ".mean");
    boolean isVarianceBad = !variance(violations, variance, field + ".variance", isZeroVarianceBad);
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
