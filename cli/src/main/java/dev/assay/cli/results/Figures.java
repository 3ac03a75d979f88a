package dev.assay.cli.results;

import dev.assay.analysis.v1.Interval;
import java.util.Locale;

/** Numbers as a terminal shows them: four significant digits, percentages, intervals. */
final class Figures {
  private Figures() {}

  static String number(double value) {
    if (value == 0 || !Double.isFinite(value)) {
      return value == 0 ? "0" : Double.toString(value);
    }
    double magnitude = Math.abs(value);
    if (magnitude >= 1e6 || magnitude < 1e-4) {
      return String.format(Locale.ROOT, "%.3e", value);
    }
    return new java.math.BigDecimal(value)
        .round(new java.math.MathContext(4))
        .stripTrailingZeros()
        .toPlainString();
  }

  static String withInterval(double value, Interval interval) {
    return number(value)
        + " ["
        + number(interval.getLower())
        + ", "
        + number(interval.getUpper())
        + "]";
  }

  static String percent(double fraction) {
    return String.format(Locale.ROOT, "%.1f%%", fraction * 100);
  }

  static String percentWithInterval(double value, Interval interval) {
    return String.format(
        Locale.ROOT,
        "%+.2f%% [%+.2f%%, %+.2f%%]",
        value * 100,
        interval.getLower() * 100,
        interval.getUpper() * 100);
  }

  static String pValue(double p) {
    return p < 1e-4 ? "<0.0001" : String.format(Locale.ROOT, "%.4f", p);
  }
}
