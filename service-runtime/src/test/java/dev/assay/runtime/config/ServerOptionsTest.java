package dev.assay.runtime.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assay.runtime.server.ServerLimits;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.OptionSpec;

class ServerOptionsTest {
  /** The shared server flags alone. */
  @Command(name = "demo")
  static final class ServerOnly implements SettingsCommand<ServerLimits> {
    @Mixin ServerOptions server = new ServerOptions();

    @Override
    public ServerLimits toSettings() {
      return server.limits();
    }
  }

  private static ServerLimits parse(Map<String, String> env, String... args) {
    return SettingsParser.parse(new ServerOnly(), args, env, new PrintWriter(new StringWriter()))
        .orElseThrow();
  }

  @Test
  void theDefaultsAreTheDocumentedOnes() {
    assertEquals(ServerLimits.DEFAULTS, parse(Map.of()));
    assertEquals(200, ServerLimits.DEFAULTS.maxConcurrentCallsPerConnection());
    assertEquals(Duration.ofMinutes(10), ServerLimits.DEFAULTS.maxCallDuration());
    assertEquals(8192, ServerLimits.DEFAULTS.maxInboundMetadataBytes());
    assertEquals(4 * 1024 * 1024, ServerLimits.DEFAULTS.maxInboundMessageBytes());
    assertEquals(10_000_000, ServerLimits.DEFAULTS.maxStreamMessages());
  }

  @Test
  void theMessageLimitsComeFromTheEnvironmentToo() {
    ServerLimits limits =
        parse(Map.of("ASSAY_MAX_INBOUND_MESSAGE_BYTES", "2048", "ASSAY_MAX_STREAM_MESSAGES", "7"));
    assertEquals(2048, limits.maxInboundMessageBytes());
    assertEquals(7, limits.maxStreamMessages());
  }

  @Test
  void everySettingComesFromAFlagOrTheEnvironment() {
    ServerLimits limits =
        parse(
            Map.of("ASSAY_MAX_CALL_DURATION", "90s", "ASSAY_KEEPALIVE_TIME", "2m"),
            "--max-concurrent-calls-per-connection=50",
            "--keepalive-timeout=5s",
            "--permit-keepalive-time=1m",
            "--max-connection-idle=1h",
            "--max-connection-age=2h",
            "--max-connection-age-grace=30s",
            "--max-inbound-metadata-bytes=16384",
            "--handshake-timeout=5s",
            "--max-inbound-message-bytes=1048576",
            "--max-stream-messages=1000");
    assertEquals(
        new ServerLimits(
            50,
            Duration.ofMinutes(2),
            Duration.ofSeconds(5),
            Duration.ofMinutes(1),
            Duration.ofHours(1),
            Duration.ofHours(2),
            Duration.ofSeconds(30),
            16_384,
            Duration.ofSeconds(5),
            Duration.ofSeconds(90),
            1_048_576,
            1000),
        limits);
  }

  @ParameterizedTest
  @CsvSource({
    "--max-concurrent-calls-per-connection=0, between 1 and 100000",
    "--keepalive-time=1s, between PT10S and PT24H",
    "--keepalive-timeout=0, between PT1S and PT10M",
    "--permit-keepalive-time=500ms, between PT1S and PT24H",
    "--max-connection-idle=8d, between PT1S and PT168H",
    "--max-connection-age=5s, between PT10S and PT168H",
    "--max-connection-age-grace=2d, between PT1S and PT24H",
    "--max-inbound-metadata-bytes=100, between 1024 and 1048576",
    "--handshake-timeout=10m, between PT1S and PT5M",
    "--max-call-duration=0, between PT1S and PT24H",
    "--max-call-duration=soon, not a duration",
    "--max-inbound-message-bytes=1023, between 1024 and 67108864",
    "--max-inbound-message-bytes=67108865, between 1024 and 67108864",
    "--max-stream-messages=0, between 1 and 1000000000",
    "--max-stream-messages=many, Invalid value"
  })
  void outOfRangeValuesNameTheSettingAndTheRange(String arg, String expected) {
    String message =
        assertThrows(InvalidSettingsException.class, () -> parse(Map.of(), arg)).getMessage();
    assertTrue(message.contains(expected), message);
    assertTrue(message.contains(arg.substring(0, arg.indexOf('='))), message);
  }

  @Test
  void everyServerSettingIsAKnownEnvironmentVariable() {
    for (OptionSpec option :
        SettingsParser.commandLine(new ServerOnly(), Map.of()).getCommandSpec().options()) {
      String variable = EnvironmentDefaults.environmentName(option.longestName());
      assertTrue(AssayEnvironment.KNOWN.contains(variable), variable);
    }
  }
}
