package dev.assay.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assay.runtime.config.InvalidSettingsException;
import dev.assay.runtime.config.SettingsParser;
import dev.assay.runtime.testing.SettingsAssertions;
import dev.assay.runtime.testing.TestCertificates;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The analysis service's settings: flags, environment, defaults and the errors they give. */
class AnalysisSettingsTest {
  private static AnalysisSettings parse(Map<String, String> environment, String... args) {
    return SettingsParser.parse(
            new AnalysisCommand(), args, environment, new PrintWriter(new StringWriter()))
        .orElseThrow();
  }

  private static String error(Map<String, String> environment, String... args) {
    return assertThrows(InvalidSettingsException.class, () -> parse(environment, args))
        .getMessage();
  }

  @Test
  void defaultsAreThePublishedPortAndTwentySecondsOfGrace() {
    assertEquals(new AnalysisSettings(50053, Duration.ofSeconds(20)), parse(Map.of()));
  }

  @Test
  void environmentFillsInAndAFlagWins() {
    Map<String, String> environment =
        Map.of("ASSAY_ANALYSIS_PORT", "6000", "ASSAY_SHUTDOWN_GRACE", "5s");
    assertEquals(new AnalysisSettings(6000, Duration.ofSeconds(5)), parse(environment));
    assertEquals(
        new AnalysisSettings(7000, Duration.ofMillis(250)),
        parse(environment, "--analysis-port=7000", "--shutdown-grace", "250ms"));
  }

  @Test
  void loopSettingsDefaultToThirtyDaysOfIdsAndAMillionExportedEvents() {
    AnalysisSettings defaults = parse(Map.of());
    assertEquals(Duration.ofDays(30), defaults.outcomeIdRetention());
    assertEquals(1_000_000, defaults.exportMaxEvents());
    AnalysisSettings set =
        parse(Map.of("ASSAY_OUTCOME_ID_RETENTION", "2h"), "--export-max-events=500");
    assertEquals(Duration.ofHours(2), set.outcomeIdRetention());
    assertEquals(500, set.exportMaxEvents());
  }

  @Test
  void otherServicesSettingsInTheSameEnvironmentAreIgnored() {
    assertEquals(50053, parse(Map.of("ASSAY_REDIS_URL", "redis://r:6379")).port());
  }

  // How values are parsed is SettingsParserTest's; here, that this command's flags are
  // range-checked.
  @ParameterizedTest
  @CsvSource({
    "--analysis-port=70000, between 0 and 65535",
    "--analysis-port=-1, between 0 and 65535",
    "--analysis-port=abc, abc",
    "--shutdown-grace=-1s, negative",
    "--outcome-id-retention=30s, between",
    "--outcome-id-retention=400d, between",
    "--export-max-events=0, between 1 and 100000000"
  })
  void badFlagsAreOneLineNamingTheSetting(String arg, String expected) {
    String message = error(Map.of(), arg);
    assertTrue(message.contains(expected), message);
    assertTrue(message.contains(arg.substring(0, arg.indexOf('='))), message);
    assertFalse(message.contains("\n"), message);
  }

  @Test
  void badOrUnknownEnvironmentVariablesNameTheSetting() {
    String bad = error(Map.of("ASSAY_ANALYSIS_PORT", "65536"));
    assertTrue(bad.contains("--analysis-port (env ASSAY_ANALYSIS_PORT)"), bad);
    assertEquals(
        "unknown setting ASSAY_ANALYSIS_PROT in the environment, did you mean ASSAY_ANALYSIS_PORT?",
        error(Map.of("ASSAY_ANALYSIS_PROT", "6000")));
  }

  @Test
  void tlsFilesThatCannotServeStopStartUpByName() {
    TestCertificates certs = TestCertificates.copy();
    try {
      assertTrue(
          parse(
                  Map.of(),
                  "--tls-cert-file=" + certs.serverCert(),
                  "--tls-key-file=" + certs.serverKey())
              .tls()
              .isPresent());
      String message =
          error(
              Map.of(),
              "--tls-cert-file=" + certs.serverCert(),
              "--tls-key-file=" + certs.file("server-pkcs1.key"));
      assertTrue(
          message.startsWith("--tls-key-file (env ASSAY_TLS_KEY_FILE) is a PKCS#1"), message);
    } finally {
      certs.delete();
    }
  }

  @Test
  void helpListsEverySettingWithItsVariableAndEveryVariableIsKnown() {
    SettingsAssertions.assertSettingsAreListedAndKnown(
        new AnalysisCommand(),
        Set.of(
            "--analysis-port",
            "--outcome-id-retention",
            "--export-max-events",
            "--shutdown-grace",
            "--redis-url",
            "--redis-key-prefix",
            "--redis-timeout",
            "--redis-reconnect-max",
            "--redis-wait-replicas",
            "--redis-wait-timeout",
            "--redis-tls-ca-file",
            "--redis-tls-cert-file",
            "--redis-tls-key-file",
            "--assignment-target",
            "--assignment-token",
            "--assignment-ca-file",
            "--monitor-interval"));
  }
}
