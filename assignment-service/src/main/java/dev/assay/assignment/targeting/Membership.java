package dev.assay.assignment.targeting;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The operand of {@code $in}, {@code $nin}, {@code $ini} and {@code $nini}, hashed once.
 *
 * <p>Source: GrowthBook JS SDK {@code mongrule.ts} {@code isIn}: {@code expected.includes(actual)}
 * (SameValueZero: 1 and "1" differ, 1 and 1.0 do not), or, when the attribute is an array, whether
 * any element is included. Arrays and objects in the operand never match (JavaScript compares them
 * by identity). The case-insensitive forms lower-case strings on both sides first.
 */
final class Membership {
  private static final Object NULL_KEY = new Object();

  private final Set<Object> keys = new HashSet<>();
  private final boolean caseInsensitive;

  Membership(List<?> operand, boolean caseInsensitive) {
    this.caseInsensitive = caseInsensitive;
    for (Object element : operand) {
      Object key = key(element);
      if (key != null) {
        keys.add(key);
      }
    }
  }

  /** Whether {@code actual}, or any element of it when it is an array, is in the operand. */
  boolean contains(@Nullable Object actual) {
    if (actual instanceof List<?> list) {
      for (Object element : list) {
        if (containsScalar(element)) {
          return true;
        }
      }
      return false;
    }
    return containsScalar(actual);
  }

  private boolean containsScalar(@Nullable Object value) {
    Object key = key(value);
    return key != null && keys.contains(key);
  }

  /**
   * The hash key of a value under SameValueZero (or ===), or null for a value that matches nothing.
   */
  private @Nullable Object key(@Nullable Object value) {
    if (value == null) {
      return NULL_KEY;
    }
    if (value instanceof List || value instanceof Map) {
      return null;
    }
    if (value instanceof Number number) {
      double d = number.doubleValue();
      if (Double.isNaN(d) && caseInsensitive) {
        return null; // the case-insensitive forms compare with ===, and NaN !== NaN
      }
      return d == 0 ? 0.0 : d;
    }
    if (value instanceof String string && caseInsensitive) {
      return string.toLowerCase(Locale.ROOT);
    }
    if (value instanceof String || value instanceof Boolean) {
      return value;
    }
    return String.valueOf(value);
  }
}
