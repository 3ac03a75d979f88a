package dev.assay.analysis.api;

import dev.assay.runtime.errors.ValidationException;
import dev.assay.runtime.errors.Violations;
import java.util.List;

/**
 * Validation of request fields shared by every RPC. Each check records a violation naming the field
 * (e.g. {@code samples.control.values[3]}) and the allowed range.
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
