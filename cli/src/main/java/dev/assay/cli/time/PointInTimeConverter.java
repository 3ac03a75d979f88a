package dev.assay.cli.time;

import dev.assay.runtime.config.DurationConverter;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads a {@link PointInTime}: an RFC 3339 time, else a duration ago (24h, 7d, 30m, PT1H). */
public final class PointInTimeConverter implements ITypeConverter<PointInTime> {
  @Override
  public PointInTime convert(String value) {
    // A time starts with a four-digit year and a dash; no duration does.
    if (value.trim().matches("\\d{4}-.*")) {
      return new PointInTime(new Rfc3339Converter().convert(value), null);
    }
    try {
      return new PointInTime(null, new DurationConverter().convert(value));
    } catch (TypeConversionException e) {
      throw new TypeConversionException(
          "'"
              + value
              + "' is neither an RFC 3339 time (2027-01-31T00:00:00Z) nor a duration ago (24h, 7d)");
    }
  }
}
