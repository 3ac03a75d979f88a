package dev.assay.cli.time;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads an RFC 3339 time with its offset: {@code 2027-01-31T00:00:00Z}, {@code ...+02:00}. */
public final class Rfc3339Converter implements ITypeConverter<Instant> {
  @Override
  public Instant convert(String value) {
    try {
      return OffsetDateTime.parse(value.trim()).toInstant();
    } catch (DateTimeParseException e) {
      throw new TypeConversionException(
          "'" + value + "' is not an RFC 3339 time (example: 2027-01-31T00:00:00Z)");
    }
  }
}
