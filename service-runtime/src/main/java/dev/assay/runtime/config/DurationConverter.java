package dev.assay.runtime.config;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads a duration setting: milliseconds ({@code 250}), a number with a unit ({@code 250ms}, {@code
 * 30s}, {@code 5m}, {@code 24h}, {@code 7d}) or ISO-8601 ({@code PT30S}). Never negative.
 */
public final class DurationConverter implements ITypeConverter<Duration> {
  private static final Pattern WITH_UNIT = Pattern.compile("(-?\\d{1,12})(ms|s|m|h|d)?");

  @Override
  public Duration convert(String value) {
    String text = value.trim().toLowerCase(Locale.ROOT);
    Duration duration;
    if (text.startsWith("p") || text.startsWith("-p")) {
      try {
        duration = Duration.parse(text.toUpperCase(Locale.ROOT));
      } catch (RuntimeException e) {
        throw invalid(value);
      }
    } else {
      Matcher m = WITH_UNIT.matcher(text);
      if (!m.matches()) {
        throw invalid(value);
      }
      long amount = Long.parseLong(m.group(1));
      String unit = m.group(2) == null ? "ms" : m.group(2);
      duration =
          switch (unit) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofDays(amount);
          };
    }
    if (duration.isNegative()) {
      throw new TypeConversionException("'" + value + "' is negative; durations must be 0 or more");
    }
    return duration;
  }

  private static TypeConversionException invalid(String value) {
    return new TypeConversionException(
        "'" + value + "' is not a duration (examples: 250, 250ms, 30s, 5m, 24h, PT30S)");
  }
}
