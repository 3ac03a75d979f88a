package dev.assay.assignment.targeting;

import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * JavaScript's view of plain JSON-like Java values, as the GrowthBook SDK sees attributes.
 *
 * <p>Values are {@code null}, {@link String}, any {@link Number} (all treated as one JavaScript
 * number, a double), {@link Boolean}, {@link List} (a JS array) and {@link Map} with String keys (a
 * JS object). Any other type is treated as the string {@code String.valueOf(value)}.
 *
 * <p>The assignment engine needs {@link #toJsString} to turn a hash attribute into the string that
 * GrowthBook hashes (the number {@code 123.0} hashes as {@code "123"}, not {@code "123.0"}) and
 * {@link #isTruthy} for GrowthBook's "is the hash attribute set" test.
 */
public final class JsValues {
  private JsValues() {}

  /** JavaScript's {@code String(value)}: arrays join with ",", objects are "[object Object]". */
  public static String toJsString(@Nullable Object value) {
    if (value == null) {
      return "null";
    }
    if (value instanceof String string) {
      return string;
    }
    if (value instanceof Number number) {
      return JsNumbers.toJsString(number.doubleValue());
    }
    if (value instanceof Boolean) {
      return value.toString();
    }
    if (value instanceof List<?> list) {
      StringBuilder joined = new StringBuilder();
      for (int i = 0; i < list.size(); i++) {
        if (i > 0) {
          joined.append(',');
        }
        Object element = list.get(i);
        if (element != null) {
          joined.append(toJsString(element));
        }
      }
      return joined.toString();
    }
    if (value instanceof Map) {
      return "[object Object]";
    }
    return String.valueOf(value);
  }

  /**
   * {@link #toJsString}, or null when that would be longer than {@code maxLength}: a long array is
   * joined only that far, so a bounded consumer never pays for a huge string.
   */
  static @Nullable String toJsStringAtMost(@Nullable Object value, int maxLength) {
    if (!(value instanceof List<?>)) {
      String string = toJsString(value);
      return string.length() <= maxLength ? string : null;
    }
    StringBuilder joined = new StringBuilder();
    return appendJsString(joined, value, maxLength) ? joined.toString() : null;
  }

  /** Appends String(value); false as soon as the text is longer than {@code maxLength}. */
  private static boolean appendJsString(StringBuilder out, Object value, int maxLength) {
    if (value instanceof List<?> list) {
      for (int i = 0; i < list.size(); i++) {
        if (i > 0) {
          out.append(',');
        }
        Object element = list.get(i);
        if ((element != null && !appendJsString(out, element, maxLength))
            || out.length() > maxLength) {
          return false;
        }
      }
      return true;
    }
    out.append(toJsString(value));
    return out.length() <= maxLength;
  }

  /** JavaScript's truthiness: false for null, false, 0, NaN and ""; true for everything else. */
  public static boolean isTruthy(@Nullable Object value) {
    if (value == null) {
      return false;
    }
    if (value instanceof Boolean bool) {
      return bool;
    }
    if (value instanceof Number number) {
      double d = number.doubleValue();
      return d != 0 && !Double.isNaN(d);
    }
    if (value instanceof String string) {
      return !string.isEmpty();
    }
    return true;
  }

  /**
   * JavaScript's {@code Number(value)}: null is 0, booleans are 0/1, strings parse, arrays join
   * first.
   */
  static double toNumber(@Nullable Object value) {
    if (value == null) {
      return 0;
    }
    if (value instanceof Number number) {
      return number.doubleValue();
    }
    if (value instanceof Boolean bool) {
      return bool ? 1 : 0;
    }
    return JsNumbers.parse(toJsString(value));
  }

  /**
   * Whether JavaScript's {@code typeof} would say "object" (arrays and objects; null is excluded).
   */
  static boolean isObjectOrArray(@Nullable Object value) {
    return value instanceof Map || value instanceof List;
  }

  /**
   * JavaScript's strict equality {@code ===}: arrays and objects are never equal to another value.
   */
  static boolean strictEquals(@Nullable Object a, @Nullable Object b) {
    if (a == null || b == null) {
      return a == null && b == null;
    }
    if (a instanceof Number x && b instanceof Number y) {
      return x.doubleValue() == y.doubleValue();
    }
    if (isObjectOrArray(a) || isObjectOrArray(b)) {
      return false;
    }
    if (a instanceof Number || b instanceof Number) {
      return false;
    }
    return a.getClass() == b.getClass() && a.equals(b);
  }

  /**
   * JavaScript's abstract relational comparison after ToPrimitive: two strings compare by UTF-16
   * code units, anything else compares as numbers. Returns null when the comparison is undefined
   * (NaN).
   */
  static @Nullable Integer compare(@Nullable Object a, @Nullable Object b) {
    Object pa = toPrimitive(a);
    Object pb = toPrimitive(b);
    if (pa instanceof String x && pb instanceof String y) {
      return Integer.signum(x.compareTo(y));
    }
    double x = toNumber(pa);
    double y = toNumber(pb);
    if (Double.isNaN(x) || Double.isNaN(y)) {
      return null;
    }
    return x < y ? -1 : x > y ? 1 : 0;
  }

  private static @Nullable Object toPrimitive(@Nullable Object value) {
    return isObjectOrArray(value) ? toJsString(value) : value;
  }

  /**
   * JavaScript's {@code JSON.stringify(value)}, including its key order: integer-like keys first in
   * ascending order, then the other keys in insertion order (pass insertion-ordered maps).
   */
  static String jsonStringify(@Nullable Object value) {
    StringBuilder out = new StringBuilder();
    appendJson(out, value);
    return out.toString();
  }

  private static void appendJson(StringBuilder out, @Nullable Object value) {
    if (value == null) {
      out.append("null");
    } else if (value instanceof String string) {
      appendQuoted(out, string);
    } else if (value instanceof Number number) {
      double d = number.doubleValue();
      out.append(Double.isFinite(d) ? JsNumbers.toJsString(d) : "null");
    } else if (value instanceof Boolean) {
      out.append(value);
    } else if (value instanceof List<?> list) {
      out.append('[');
      for (int i = 0; i < list.size(); i++) {
        if (i > 0) {
          out.append(',');
        }
        appendJson(out, list.get(i));
      }
      out.append(']');
    } else if (value instanceof Map<?, ?> map) {
      out.append('{');
      boolean first = true;
      for (Map.Entry<String, Object> entry : jsPropertyOrder(map)) {
        if (!first) {
          out.append(',');
        }
        first = false;
        appendQuoted(out, entry.getKey());
        out.append(':');
        appendJson(out, entry.getValue());
      }
      out.append('}');
    } else {
      appendQuoted(out, String.valueOf(value));
    }
  }

  /** The order in which JavaScript enumerates an object's own string keys. */
  static List<Map.Entry<String, Object>> jsPropertyOrder(Map<?, ?> map) {
    List<Map.Entry<String, Object>> indexKeys = new ArrayList<>();
    List<Map.Entry<String, Object>> otherKeys = new ArrayList<>();
    for (Map.Entry<?, ?> entry : map.entrySet()) {
      String key = String.valueOf(entry.getKey());
      Map.Entry<String, Object> e = new AbstractMap.SimpleImmutableEntry<>(key, entry.getValue());
      (arrayIndex(key) >= 0 ? indexKeys : otherKeys).add(e);
    }
    indexKeys.sort((x, y) -> Long.compare(arrayIndex(x.getKey()), arrayIndex(y.getKey())));
    indexKeys.addAll(otherKeys);
    return indexKeys;
  }

  /**
   * The array index a key denotes (a canonical integer below 2^32 - 1), or -1 when it is not one.
   */
  static long arrayIndex(String key) {
    int n = key.length();
    if (n == 0 || n > 10 || (n > 1 && key.charAt(0) == '0')) {
      return -1;
    }
    long v = 0;
    for (int i = 0; i < n; i++) {
      char c = key.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v < 4294967295L ? v : -1;
  }

  private static void appendQuoted(StringBuilder out, String s) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20 || isLoneSurrogate(s, i)) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }

  private static boolean isLoneSurrogate(String s, int i) {
    char c = s.charAt(i);
    if (Character.isHighSurrogate(c)) {
      return i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1));
    }
    if (Character.isLowSurrogate(c)) {
      return i == 0 || !Character.isHighSurrogate(s.charAt(i - 1));
    }
    return false;
  }
}
