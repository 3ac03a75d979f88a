package dev.assay.runtime.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assay.runtime.redis.RedisSettings;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

class SettingsParserTest {
  /** A service as the real ones declare theirs. */
  @Command(name = "demo", mixinStandardHelpOptions = true, description = "A demo service.")
  static final class DemoCommand implements SettingsCommand<DemoCommand.Settings> {
    record Settings(int port, Duration interval, RedisSettings redis, Duration shutdownGrace) {}

    @Option(
        names = "--demo-port",
        defaultValue = "50099",
        description = "Port. Default: ${DEFAULT-VALUE}.")
    int port;

    @Option(names = "--resync-interval", defaultValue = "30s", description = "Interval.")
    Duration interval = Duration.ZERO;

    @Mixin RedisOptions redis = new RedisOptions();
    @Mixin ServerOptions server = new ServerOptions();

    @Override
    public Settings toSettings() {
      return new Settings(
          SettingRules.port("--demo-port", port),
          SettingRules.positive("--resync-interval", interval),
          redis.toSettings(),
          server.shutdownGrace());
    }
  }

  private static DemoCommand.Settings parse(Map<String, String> env, String... args) {
    return SettingsParser.parse(new DemoCommand(), args, env, new PrintWriter(new StringWriter()))
        .orElseThrow();
  }

  private static String error(Map<String, String> env, String... args) {
    return assertThrows(InvalidSettingsException.class, () -> parse(env, args)).getMessage();
  }

  @Test
  void defaultsApplyWhenNothingIsSet() {
    DemoCommand.Settings settings = parse(Map.of());
    assertEquals(50099, settings.port());
    assertEquals(Duration.ofSeconds(30), settings.interval());
    assertEquals(Optional.empty(), settings.redis().redisUrl());
    assertEquals("assay", settings.redis().keyPrefix());
    assertEquals(Duration.ofSeconds(2), settings.redis().commandTimeout());
    assertEquals(Duration.ofSeconds(20), settings.shutdownGrace());
  }

  @Test
  void environmentFillsInAndAFlagWins() {
    Map<String, String> env =
        Map.of(
            "ASSAY_DEMO_PORT",
            "6000",
            "ASSAY_REDIS_URL",
            "redis://r:6379",
            "ASSAY_REDIS_TIMEOUT",
            "PT1S");
    DemoCommand.Settings settings = parse(env, "--demo-port=7000");
    assertEquals(7000, settings.port());
    assertEquals(Optional.of("redis://r:6379"), settings.redis().redisUrl());
    assertEquals(Duration.ofSeconds(1), settings.redis().commandTimeout());
  }

  @Test
  void bothFlagFormsAreAccepted() {
    assertEquals(7001, parse(Map.of(), "--demo-port", "7001").port());
    assertEquals(7002, parse(Map.of(), "--demo-port=7002").port());
  }

  @Test
  void blankEnvironmentVariablesCountAsUnset() {
    assertEquals(50099, parse(Map.of("ASSAY_DEMO_PORT", "  ")).port());
  }

  @Test
  void unknownFlagIsOneLineWithASuggestion() {
    String message = error(Map.of(), "--redis-ulr=redis://x");
    assertTrue(message.contains("--redis-ulr"), message);
    assertTrue(message.contains("--redis-url"), message);
    assertTrue(!message.contains("\n"), message);
  }

  @Test
  void unknownEnvironmentVariableIsRejectedWithASuggestion() {
    String message = error(Map.of("ASSAY_REDIS_ULR", "redis://x"));
    assertEquals(
        "unknown setting ASSAY_REDIS_ULR in the environment, did you mean ASSAY_REDIS_URL?",
        message);
  }

  @Test
  void otherServicesSettingsInTheSameEnvironmentAreIgnored() {
    assertEquals(50099, parse(Map.of("ASSAY_BANDIT_PORT", "1", "PATH", "/bin")).port());
  }

  @ParameterizedTest
  @CsvSource({
    "--resync-interval=-5s, negative",
    "--resync-interval=0, greater than zero",
    "--resync-interval=soon, not a duration",
    "--demo-port=70000, between 0 and 65535",
    "--demo-port=abc, abc",
    "--redis-timeout=-PT1S, negative"
  })
  void badValuesNameTheSettingAndTheRule(String arg, String expected) {
    String message = error(Map.of(), arg);
    assertTrue(message.contains(expected), message);
    assertTrue(message.contains(arg.substring(0, arg.indexOf('='))), message);
  }

  @Test
  void badEnvironmentValuesNameTheSetting() {
    String message = error(Map.of("ASSAY_RESYNC_INTERVAL", "-1"));
    assertTrue(message.contains("--resync-interval"), message);
  }

  @Test
  void invalidRedisUrlIsRejectedWithoutEchoingThePassword() {
    String message = error(Map.of(), "--redis-url=redis://:hunter2@");
    assertTrue(message.contains("--redis-url"), message);
    assertTrue(!message.contains("hunter2"), message);
  }

  @Test
  void versionPrintsAssaysVersion() {
    StringWriter out = new StringWriter();
    assertEquals(
        Optional.empty(),
        SettingsParser.parse(
            new DemoCommand(), new String[] {"--version"}, Map.of(), new PrintWriter(out)));
    assertTrue(out.toString().startsWith("Assay 0."), out.toString());
  }

  @Test
  void helpListsEveryFlagWithItsEnvironmentVariable() {
    StringWriter out = new StringWriter();
    Optional<DemoCommand.Settings> settings =
        SettingsParser.parse(
            new DemoCommand(), new String[] {"--help"}, Map.of(), new PrintWriter(out));
    assertEquals(Optional.empty(), settings);
    String help = out.toString();
    for (String flag :
        new String[] {
          "--demo-port",
          "--resync-interval",
          "--redis-url",
          "--redis-key-prefix",
          "--redis-timeout",
          "--shutdown-grace"
        }) {
      assertTrue(help.contains(flag), flag + " in\n" + help);
      assertTrue(help.contains(EnvironmentDefaults.environmentName(flag)), flag + " in\n" + help);
    }
  }
}
