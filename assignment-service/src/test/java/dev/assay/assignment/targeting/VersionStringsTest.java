package dev.assay.assignment.targeting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assay.assignment.hashing.GrowthBookVectors;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class VersionStringsTest {

  static Stream<Arguments> sdkPaddedVersions() {
    return GrowthBookVectors.list("versions.json", "cases").stream()
        .map(c -> (Map<?, ?>) c)
        .map(c -> Arguments.of(c.get("input"), c.get("padded")));
  }

  @ParameterizedTest(name = "[{index}] \"{0}\"")
  @MethodSource("sdkPaddedVersions")
  void paddedMatchesPaddedVersionString(String input, String expected) {
    assertEquals(expected, VersionStrings.padded(input));
  }

  @Test
  void releasesSortAfterTheirPreReleasesAndNumericPartsSortNumerically() {
    assertTrue(VersionStrings.padded("1.0.0").compareTo(VersionStrings.padded("1.0.0-rc.1")) > 0);
    assertTrue(VersionStrings.padded("1.10.0").compareTo(VersionStrings.padded("1.9.0")) > 0);
    assertEquals(VersionStrings.padded("v1.2.3+build.9"), VersionStrings.padded("1.2.3"));
  }

  @Test
  void nonStringOperandsArePaddedLikeTheSdk() {
    assertEquals(VersionStrings.padded("2"), VersionStrings.paddedValue(2.0));
    assertEquals(VersionStrings.padded("0"), VersionStrings.paddedValue(true));
    assertEquals(VersionStrings.padded("0"), VersionStrings.paddedValue(null));
  }
}
