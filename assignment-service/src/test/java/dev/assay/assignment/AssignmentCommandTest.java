package dev.assay.assignment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assay.assignment.exposures.ExposureSettings;
import dev.assay.assignment.seeding.DefinitionsFile;
import dev.assay.runtime.config.InvalidSettingsException;
import dev.assay.runtime.config.SettingsParser;
import dev.assay.runtime.testing.SettingsAssertions;
import dev.assay.runtime.testing.TestCertificates;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AssignmentCommandTest {
  private static final List<String> FLAGS =
      List.of(
          "--assignment-port",
          "--resync-interval",
          "--definitions-file",
          "--analysis-target",
          "--analysis-token",
          "--analysis-ca-file",
          "--exposure-buffer-size",
          "--exposure-batch-size",
          "--exposure-flush-interval",
          "--redis-url",
          "--redis-key-prefix",
          "--redis-timeout",
          "--redis-reconnect-max",
          "--redis-wait-replicas",
          "--redis-wait-timeout",
          "--redis-tls-ca-file",
          "--redis-tls-cert-file",
          "--redis-tls-key-file",
          "--shutdown-grace",
          "--auth",
          "--tokens-file",
          "--jwt-jwks",
          "--jwt-issuer",
          "--jwt-audience",
          "--jwt-scopes-claim",
          "--jwt-projects-claim");

  @TempDir Path dir;

  private static AssignmentSettings parse(Map<String, String> env, String... args) {
    return SettingsParser.parse(
            new AssignmentCommand(), args, env, new PrintWriter(new StringWriter()))
        .orElseThrow();
  }

  private static String error(Map<String, String> env, String... args) {
    return assertThrows(InvalidSettingsException.class, () -> parse(env, args)).getMessage();
  }

  @Test
  void defaultsWorkOnALaptop() {
    AssignmentSettings settings = parse(Map.of());

    assertEquals(50051, settings.port());
    assertEquals(Optional.empty(), settings.redis().redisUrl());
    assertEquals("assay", settings.redis().keyPrefix());
    assertEquals(Duration.ofSeconds(2), settings.redis().commandTimeout());
    assertEquals(Duration.ofSeconds(30), settings.resyncInterval());
    assertEquals(DefinitionsFile.none(), settings.definitions());
    assertEquals(Duration.ofSeconds(20), settings.shutdownGrace());
  }

  @Test
  void theEnvironmentFillsInAndAFlagWins() {
    Map<String, String> env =
        Map.of(
            "ASSAY_ASSIGNMENT_PORT", "6000",
            "ASSAY_RESYNC_INTERVAL", "250",
            "ASSAY_REDIS_URL", "redis://127.0.0.1:6379",
            "ASSAY_SHUTDOWN_GRACE", "PT5S");

    AssignmentSettings fromEnvironment = parse(env);
    AssignmentSettings withFlags = parse(env, "--assignment-port=7000", "--resync-interval", "1m");

    assertEquals(6000, fromEnvironment.port());
    assertEquals(Duration.ofMillis(250), fromEnvironment.resyncInterval());
    assertEquals(Optional.of("redis://127.0.0.1:6379"), fromEnvironment.redis().redisUrl());
    assertEquals(Duration.ofSeconds(5), fromEnvironment.shutdownGrace());
    assertEquals(7000, withFlags.port());
    assertEquals(Duration.ofMinutes(1), withFlags.resyncInterval());
  }

  @ParameterizedTest
  @CsvSource({
    "--assignment-port=70000, between 0 and 65535",
    "--resync-interval=-5s, negative",
    "--resync-interval=0, greater than zero",
    "--resync-interval=soon, not a duration",
    "--shutdown-grace=-PT1S, negative"
  })
  void aBadValueIsOneLineNamingTheSetting(String arg, String expected) {
    String message = error(Map.of(), arg);

    assertTrue(message.contains(expected), message);
    assertTrue(message.contains(arg.substring(0, arg.indexOf('='))), message);
    assertFalse(message.contains("\n"), message);
  }

  @Test
  void exposuresGoToTheLocalAnalysisServiceByDefault() {
    ExposureSettings exposures = parse(Map.of()).exposures().orElseThrow();

    assertEquals("localhost:50053", exposures.analysis().target());
    assertEquals(Optional.empty(), exposures.analysis().token());
    assertEquals(Optional.empty(), exposures.analysis().caFile());
    assertEquals(100_000, exposures.bufferSize());
    assertEquals(1_000, exposures.batchSize());
    assertEquals(Duration.ofMillis(200), exposures.flushInterval());
  }

  @Test
  void theExposureSettingsComeFromTheEnvironmentAndFlags() throws IOException {
    Path ca = Files.writeString(dir.resolve("ca.pem"), "not checked until connecting");
    AssignmentSettings settings =
        parse(
            Map.of(
                "ASSAY_ANALYSIS_TARGET", "dns:///analysis:50053",
                "ASSAY_ANALYSIS_TOKEN", "secret-analysis-token",
                "ASSAY_EXPOSURE_BUFFER_SIZE", "500"),
            "--analysis-ca-file=" + ca,
            "--exposure-batch-size=10000",
            "--exposure-flush-interval=1s");

    ExposureSettings exposures = settings.exposures().orElseThrow();
    assertEquals("dns:///analysis:50053", exposures.analysis().target());
    assertEquals(Optional.of("secret-analysis-token"), exposures.analysis().token());
    assertEquals(Optional.of(ca), exposures.analysis().caFile());
    assertEquals(500, exposures.bufferSize());
    assertEquals(10_000, exposures.batchSize());
    assertEquals(Duration.ofSeconds(1), exposures.flushInterval());
  }

  @Test
  void noneTurnsRecordingOff() {
    assertEquals(Optional.empty(), parse(Map.of(), "--analysis-target=none").exposures());
    assertEquals(Optional.empty(), parse(Map.of("ASSAY_ANALYSIS_TARGET", "NONE")).exposures());
  }

  @Test
  void theAnalysisTokenIsNeverPrinted() {
    AssignmentSettings settings = parse(Map.of(), "--analysis-token=secret-analysis-token");

    assertFalse(settings.toString().contains("secret-analysis-token"), settings.toString());
    assertTrue(settings.toString().contains("token=***"), settings.toString());
    StringWriter help = new StringWriter();
    SettingsParser.parse(
        new AssignmentCommand(),
        new String[] {"--help"},
        Map.of("ASSAY_ANALYSIS_TOKEN", "secret-analysis-token"),
        new PrintWriter(help));
    assertFalse(help.toString().contains("secret-analysis-token"), help.toString());
  }

  @ParameterizedTest
  @CsvSource({
    "--exposure-batch-size=10001, between 1 and 10000",
    "--exposure-batch-size=0, between 1 and 10000",
    "--exposure-buffer-size=0, between 1 and 10000000",
    "--exposure-flush-interval=0, between",
    "'--analysis-target=', none",
    "--analysis-ca-file=/no/such/ca.pem, cannot be read"
  })
  void aBadExposureSettingIsOneLineNamingIt(String arg, String expected) {
    String message = error(Map.of(), arg);

    assertTrue(message.contains(expected), message);
    assertTrue(message.contains(arg.substring(0, arg.indexOf('='))), message);
  }

  @Test
  void aMisspelledSettingIsRejected() {
    assertTrue(error(Map.of(), "--resync-intervall=1s").contains("--resync-interval"));
    assertTrue(
        error(Map.of("ASSAY_RESYNC_INTERVALL", "1s")).contains("ASSAY_RESYNC_INTERVAL"),
        "suggests the right name");
  }

  @Test
  void helpListsEverySettingWithItsVariableAndEveryVariableIsKnown() {
    SettingsAssertions.assertSettingsAreListedAndKnown(new AssignmentCommand(), Set.copyOf(FLAGS));
  }

  @Test
  void tlsAndTheMessageLimitsReachTheSettings() {
    TestCertificates certs = TestCertificates.copy();
    try {
      AssignmentSettings settings =
          parse(
              Map.of(
                  "ASSAY_TLS_CERT_FILE", certs.serverCert().toString(),
                  "ASSAY_TLS_KEY_FILE", certs.serverKey().toString(),
                  "ASSAY_REDIS_URL", "rediss://localhost:6380",
                  "ASSAY_REDIS_TLS_CA_FILE", certs.caCert().toString()),
              "--max-stream-messages=1000",
              "--max-inbound-message-bytes=8192");
      assertEquals(certs.serverCert(), settings.tls().orElseThrow().certFile());
      assertEquals(Optional.of(certs.caCert()), settings.redis().tls().caFile());
      assertEquals(1000, settings.serverLimits().maxStreamMessages());
      assertEquals(8192, settings.serverLimits().maxInboundMessageBytes());
      assertEquals(Optional.empty(), parse(Map.of()).tls());
    } finally {
      certs.delete();
    }
  }

  @Test
  void theDefinitionsFileIsReadAndCheckedWithTheSettings() throws IOException {
    Path file =
        Files.writeString(
            dir.resolve("definitions.yaml"),
            "experiments:\n  - {key: x, variations: [{key: a}, {key: b}]}\n");

    AssignmentSettings settings = parse(Map.of("ASSAY_DEFINITIONS_FILE", file.toString()));

    assertEquals(Optional.of(file), settings.definitions().path());
    assertEquals("x", settings.definitions().experiments().get(0).key());
  }

  @Test
  void aBadDefinitionsFileStopsStartUpNamingTheFileTheItemAndTheField() throws IOException {
    Path file =
        Files.writeString(
            dir.resolve("definitions.yaml"),
            "experiments:\n  - {key: x, coverage: 1.5, variations: [{key: a}, {key: b}]}\n");

    assertEquals(
        "--definitions-file (env ASSAY_DEFINITIONS_FILE) "
            + file
            + ": experiments[0] (key x): experiment.coverage: must be in [0, 1], got 1.5",
        error(Map.of(), "--definitions-file=" + file));
  }

  @Test
  void aMissingDefinitionsFileStopsStartUp() {
    Path missing = dir.resolve("missing.yaml");

    String message = error(Map.of(), "--definitions-file", missing.toString());

    assertTrue(
        message.startsWith(
            "--definitions-file (env ASSAY_DEFINITIONS_FILE) " + missing + ": cannot be read"),
        message);
  }
}
