package dev.assay.bandit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assay.bandit.testing.KeysFiles;
import dev.assay.runtime.config.InvalidSettingsException;
import dev.assay.runtime.config.SettingsParser;
import dev.assay.runtime.redis.RedisSettings;
import dev.assay.runtime.security.SecuritySettings;
import dev.assay.runtime.testing.SettingsAssertions;
import dev.assay.runtime.testing.TestCertificates;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The bandit service's settings: defaults, environment, ranges and help. */
class BanditCommandTest {
  private static BanditSettings parse(Map<String, String> env, String... args) {
    return SettingsParser.parse(new BanditCommand(), args, env, new PrintWriter(new StringWriter()))
        .orElseThrow();
  }

  private static String error(String... args) {
    return assertThrows(InvalidSettingsException.class, () -> parse(Map.of(), args)).getMessage();
  }

  @Test
  void defaultsWorkOnALaptop() {
    assertEquals(
        new BanditSettings(
            50052,
            RedisSettings.inMemory(),
            Duration.ofMillis(100),
            Duration.ofHours(24),
            100_000,
            10_000,
            Duration.ofSeconds(20)),
        parse(Map.of()));
    assertEquals(SecuritySettings.OFF, parse(Map.of()).security());
  }

  @Test
  void theEnvironmentFillsInAndAFlagWins() {
    Map<String, String> env =
        Map.of(
            "ASSAY_BANDIT_PORT", "6000",
            "ASSAY_SNAPSHOT_REFRESH_INTERVAL", "250",
            "ASSAY_DECISION_TTL", "PT1H",
            "ASSAY_DECISION_LOG_CAPACITY", "500",
            "ASSAY_PROPENSITY_SAMPLES", "2000",
            "ASSAY_REDIS_URL", "redis://127.0.0.1:6379",
            "ASSAY_SHUTDOWN_GRACE", "5s");
    BanditSettings settings = parse(env, "--bandit-port=7000", "--propensity-samples", "3000");
    assertEquals(7000, settings.port());
    assertEquals(Duration.ofMillis(250), settings.snapshotRefreshInterval());
    assertEquals(Duration.ofHours(1), settings.defaultDecisionTtl());
    assertEquals(500, settings.decisionLogCapacity());
    assertEquals(3000, settings.propensitySamples());
    assertEquals(Optional.of("redis://127.0.0.1:6379"), settings.redis().redisUrl());
    assertEquals(Duration.ofSeconds(5), settings.shutdownGrace());
  }

  @Test
  void aDecisionKeysFileIsCheckedWhenParsedAndNamedWhenBad(@TempDir Path dir) {
    Path good = KeysFiles.write(dir.resolve("good.json"), KeysFiles.always("k1"));
    assertEquals(
        Optional.of(good),
        parse(Map.of("ASSAY_DECISION_KEYS_FILE", good.toString())).decisionKeysFile());
    assertEquals(Optional.empty(), parse(Map.of()).decisionKeysFile());
    String secret = KeysFiles.always("k1").secretBase64();
    Path twoSigners =
        KeysFiles.write(dir.resolve("bad.json"), KeysFiles.always("k1"), KeysFiles.always("k2"));
    String message = error("--decision-keys-file=" + twoSigners);
    assertTrue(message.startsWith("--decision-keys-file (env ASSAY_DECISION_KEYS_FILE)"), message);
    assertTrue(message.contains("undecidable"), message);
    assertFalse(message.contains(secret.substring(0, 12)), message);
    assertFalse(message.contains("\n"), message);
    String missing = error("--decision-keys-file=" + dir.resolve("absent.json"));
    assertTrue(missing.contains("cannot be read"), missing);
  }

  @Test
  void authenticationIsOffUnlessTokensAreAskedFor() {
    assertFalse(parse(Map.of()).security().authRequired());
    assertTrue(parse(Map.of(), "--auth=tokens").security().authRequired());
    assertTrue(parse(Map.of("ASSAY_AUTH", "tokens")).security().authRequired());
    String message = error("--auth=maybe");
    assertTrue(message.contains("--auth"), message);
  }

  @ParameterizedTest
  @CsvSource({
    "--bandit-port=70000, between 0 and 65535",
    "--snapshot-refresh-interval=0, between PT0.001S and PT1M",
    "--snapshot-refresh-interval=-5s, negative",
    "--decision-ttl=500ms, between PT1S and PT720H",
    "--decision-ttl=31d, between PT1S and PT720H",
    "--decision-log-capacity=0, between 1 and 10000000",
    "--propensity-samples=10, between 100 and 1000000",
    "--propensity-samples=many, many"
  })
  void badValuesNameTheSettingAndTheRange(String arg, String expected) {
    String message = error(arg);
    assertTrue(message.contains(arg.substring(0, arg.indexOf('='))), message);
    assertTrue(message.contains(expected), message);
    assertFalse(message.contains("\n"), message);
  }

  @Test
  void aBadEnvironmentValueNamesItsFlagAndVariable() {
    String message =
        assertThrows(
                InvalidSettingsException.class,
                () -> parse(Map.of("ASSAY_PROPENSITY_SAMPLES", "0")))
            .getMessage();
    assertTrue(message.contains("--propensity-samples"), message);
    assertTrue(message.contains("ASSAY_PROPENSITY_SAMPLES"), message);
  }

  @Test
  void aMisspelledFlagIsRejectedWithASuggestion() {
    String message = error("--propensity-sample=10");
    assertTrue(message.contains("--propensity-samples"), message);
  }

  @Test
  void mutualTlsAndTheStreamLimitReachTheSettings() {
    TestCertificates certs = TestCertificates.copy();
    try {
      BanditSettings settings =
          parse(
              Map.of("ASSAY_MAX_STREAM_MESSAGES", "50"),
              "--tls-cert-file=" + certs.serverCert(),
              "--tls-key-file=" + certs.serverKey(),
              "--tls-client-ca-file=" + certs.caCert());
      assertTrue(settings.tls().orElseThrow().isMutual());
      assertEquals(50, settings.serverLimits().maxStreamMessages());
    } finally {
      certs.delete();
    }
  }

  @Test
  void helpListsEverySettingWithItsVariableAndEveryVariableIsKnown() {
    SettingsAssertions.assertSettingsAreListedAndKnown(
        new BanditCommand(),
        Set.of(
            "--bandit-port",
            "--decision-keys-file",
            "--decision-log-capacity",
            "--decision-ttl",
            "--propensity-samples",
            "--redis-key-prefix",
            "--redis-timeout",
            "--redis-reconnect-max",
            "--redis-wait-replicas",
            "--redis-wait-timeout",
            "--redis-tls-ca-file",
            "--redis-tls-cert-file",
            "--redis-tls-key-file",
            "--redis-url",
            "--shutdown-grace",
            "--auth",
            "--tokens-file",
            "--jwt-jwks",
            "--jwt-issuer",
            "--jwt-audience",
            "--jwt-scopes-claim",
            "--jwt-projects-claim",
            "--snapshot-refresh-interval"));
  }
}
