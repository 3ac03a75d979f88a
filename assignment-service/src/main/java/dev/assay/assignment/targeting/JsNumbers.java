package dev.assay.assignment.targeting;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.regex.Pattern;

/**
 * JavaScript's conversions between numbers and strings (ECMAScript 2023 sections 6.1.6.1.20
 * Number::toString and 7.1.4.1.1 StringToNumber), which GrowthBook conditions and hashing rely on
 * whenever a number meets a string. Java's own {@code Double.toString} differs ("1.0" vs "1",
 * "1.0E21" vs "1e+21").
 */
final class JsNumbers {
  private static final Pattern DECIMAL =
      Pattern.compile("[+-]?(?:(?:[0-9]+\\.?[0-9]*|\\.[0-9]+)(?:[eE][+-]?[0-9]+)?)");
  private static final double TWO_POW_53 = 9007199254740992.0;

  private JsNumbers() {}

  /** Number::toString(10): the shortest digits that round-trip, laid out as JavaScript does. */
  static String toJsString(double d) {
    if (Double.isNaN(d)) {
      return "NaN";
    }
    if (d == 0) {
      return "0";
    }
    if (Double.isInfinite(d)) {
      return d > 0 ? "Infinity" : "-Infinity";
    }
    if (d < 0) {
      return "-" + toJsString(-d);
    }
    if (d < TWO_POW_53 && d == Math.rint(d)) {
      return Long.toString((long) d);
    }
    BigDecimal shortest = shortestRoundTrip(d);
    String digits = shortest.unscaledValue().toString();
    int k = digits.length();
    int n = k - shortest.scale();
    StringBuilder out = new StringBuilder(k + 8);
    if (k <= n && n <= 21) {
      out.append(digits);
      out.append("0".repeat(n - k));
    } else if (0 < n && n <= 21) {
      out.append(digits, 0, n).append('.').append(digits, n, k);
    } else if (-6 < n && n <= 0) {
      out.append("0.").append("0".repeat(-n)).append(digits);
    } else {
      out.append(digits.charAt(0));
      if (k > 1) {
        out.append('.').append(digits, 1, k);
      }
      out.append('e').append(n - 1 >= 0 ? "+" : "-").append(Math.abs(n - 1));
    }
    return out.toString();
  }

  /** Among the shortest decimals that parse back to {@code d}, the one closest to it. */
  private static BigDecimal shortestRoundTrip(double d) {
    BigDecimal exact = new BigDecimal(d);
    for (int precision = 1; precision <= 17; precision++) {
      BigDecimal best = null;
      for (RoundingMode mode :
          new RoundingMode[] {RoundingMode.HALF_EVEN, RoundingMode.FLOOR, RoundingMode.CEILING}) {
        BigDecimal candidate = exact.round(new MathContext(precision, mode));
        if (candidate.doubleValue() == d
            && (best == null
                || candidate.subtract(exact).abs().compareTo(best.subtract(exact).abs()) < 0)) {
          best = candidate;
        }
      }
      if (best != null) {
        return best.stripTrailingZeros();
      }
    }
    return exact.round(MathContext.DECIMAL64).stripTrailingZeros();
  }

  /** StringToNumber: trims JavaScript white space; "" is 0; anything unparsable is NaN. */
  static double parse(String s) {
    String t = trim(s);
    if (t.isEmpty()) {
      return 0;
    }
    if (t.equals("Infinity") || t.equals("+Infinity")) {
      return Double.POSITIVE_INFINITY;
    }
    if (t.equals("-Infinity")) {
      return Double.NEGATIVE_INFINITY;
    }
    if (t.length() > 2 && t.charAt(0) == '0') {
      char radixMark = Character.toLowerCase(t.charAt(1));
      int radix = radixMark == 'x' ? 16 : radixMark == 'o' ? 8 : radixMark == 'b' ? 2 : 0;
      if (radix != 0) {
        return parseRadix(t.substring(2), radix);
      }
    }
    if (!DECIMAL.matcher(t).matches()) {
      return Double.NaN;
    }
    return Double.parseDouble(t);
  }

  private static double parseRadix(String digits, int radix) {
    for (int i = 0; i < digits.length(); i++) {
      if (Character.digit(digits.charAt(i), radix) < 0 || digits.charAt(i) > 'z') {
        return Double.NaN;
      }
    }
    return new BigInteger(digits, radix).doubleValue();
  }

  private static String trim(String s) {
    int start = 0;
    int end = s.length();
    while (start < end && isJsWhiteSpace(s.charAt(start))) {
      start++;
    }
    while (end > start && isJsWhiteSpace(s.charAt(end - 1))) {
      end--;
    }
    return s.substring(start, end);
  }

  /**
   * ECMAScript WhiteSpace and LineTerminator code points (what {@code String.prototype.trim}
   * removes).
   */
  static boolean isJsWhiteSpace(char c) {
    return switch (c) {
      case '\t',
          '\n',
          '\u000b',
          '\f',
          '\r',
          ' ',
          '\u00a0',
          '\u1680',
          '\u2028',
          '\u2029',
          '\u202f',
          '\u205f',
          '\u3000',
          '\ufeff' ->
          true;
      default -> c >= '\u2000' && c <= '\u200a';
    };
  }
}
