package dev.assay.cli.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine.TypeConversionException;

class PointInTimeConverterTest {
  private static final Clock NOW =
      Clock.fixed(Instant.parse("2027-03-10T12:00:00Z"), ZoneOffset.UTC);

  @ParameterizedTest
  @CsvSource({
    "2027-01-31T00:00:00Z, 2027-01-31T00:00:00Z",
    "2027-01-31T02:00:00+02:00, 2027-01-31T00:00:00Z",
    "2027-01-31T00:00:00.250Z, 2027-01-31T00:00:00.250Z",
    "24h, 2027-03-09T12:00:00Z",
    "7d, 2027-03-03T12:00:00Z",
    "30m, 2027-03-10T11:30:00Z",
    "PT1H, 2027-03-10T11:00:00Z",
    "0, 2027-03-10T12:00:00Z"
  })
  void readsTimesAndDurationsAgo(String text, String expected) {
    assertEquals(Instant.parse(expected), new PointInTimeConverter().convert(text).resolve(NOW));
  }

  @ParameterizedTest
  @ValueSource(strings = {"yesterday", "2027-01-31", "2027-01-31T00:00:00", "-5m", "5 weeks", ""})
  void refusesAnythingElse(String text) {
    assertThrows(TypeConversionException.class, () -> new PointInTimeConverter().convert(text));
  }
}
