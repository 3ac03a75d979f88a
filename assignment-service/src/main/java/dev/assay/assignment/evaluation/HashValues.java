package dev.assay.assignment.evaluation;

import java.math.BigDecimal;

/**
 * Turns an attribute value into the string that is hashed, as GrowthBook's JavaScript SDK does
 * ({@code value + ""}), and treats JavaScript-falsy values ("", 0, false, null) as missing.
 */
public final class HashValues {
  private HashValues() {}

  /** The string to hash, or null when the value cannot place the unit. */
  public static String of(Object value) {
    if (value instanceof String s) {
      return s.isEmpty() ? null : s;
    }
    if (value instanceof Boolean b) {
      return b ? "true" : null;
    }
    if (value instanceof Number n) {
      double d = n.doubleValue();
      if (d == 0 || Double.isNaN(d)) {
        return null;
      }
      return javaScriptNumber(d);
    }
    return null;
  }

  /** JavaScript's Number#toString for finite values in plain notation (|d| in [1e-6, 1e21)). */
  static String javaScriptNumber(double d) {
    if (Double.isInfinite(d)) {
      return d > 0 ? "Infinity" : "-Infinity";
    }
    if (d == Math.rint(d) && Math.abs(d) < 1e21) {
      return new BigDecimal(d).toPlainString();
    }
    double abs = Math.abs(d);
    if (abs >= 1e-6 && abs < 1e21) {
      return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
    }
    String java = Double.toString(d).replace("E", "e");
    String mantissa = java.substring(0, java.indexOf('e')).replaceAll("\\.0$", "");
    String exponent = java.substring(java.indexOf('e') + 1);
    return mantissa + "e" + (exponent.startsWith("-") ? exponent : "+" + exponent);
  }
}
