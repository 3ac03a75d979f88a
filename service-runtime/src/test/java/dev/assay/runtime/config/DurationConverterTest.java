package dev.assay.runtime.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine.TypeConversionException;

class DurationConverterTest {
  private final DurationConverter converter = new DurationConverter();

  @ParameterizedTest
  @CsvSource({
    "250, PT0.25S",
    "250ms, PT0.25S",
    "30s, PT30S",
    "5m, PT5M",
    "24h, PT24H",
    "7d, PT168H",
    "PT30S, PT30S",
    "pt1.5s, PT1.5S",
    "0, PT0S"
  })
  void readsMillisUnitsAndIso(String text, String iso) {
    assertEquals(Duration.parse(iso), converter.convert(text));
  }

  @ParameterizedTest
  @ValueSource(strings = {"-1", "-PT1S", "PT-1S", "1.5s", "ten", "", "5 s", "9999999999999s"})
  void rejectsNegativeAndMalformed(String text) {
    assertThrows(TypeConversionException.class, () -> converter.convert(text));
  }
}
