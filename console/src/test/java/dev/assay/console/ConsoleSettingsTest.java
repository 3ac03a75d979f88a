package dev.assay.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assay.runtime.config.AssayEnvironment;
import dev.assay.runtime.config.EnvironmentDefaults;
import dev.assay.runtime.config.InvalidSettingsException;
import dev.assay.runtime.config.SettingsParser;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Flag, else environment, else default; a bad setting is one line naming it. */
class ConsoleSettingsTest {
  private static ConsoleSettings parse(Map<String, String> environment, String... args) {
    return SettingsParser.parse(
            new ConsoleCommand(), args, environment, new PrintWriter(new StringWriter()))
        .orElseThrow();
  }

  @Test
  void defaultsWorkOnALaptop() {
    ConsoleSettings settings = parse(Map.of());
    assertEquals(8080, settings.port());
    assertEquals("localhost:50051", settings.assignment().target());
    assertEquals("localhost:50052", settings.bandit().target());
    assertEquals("localhost:50053", settings.analysis().target());
    assertFalse(settings.actionsEnabled());
    assertEquals(Optional.empty(), settings.analysis().token());
    assertEquals(Duration.ofMinutes(1), settings.banditSampleInterval());
  }

  @Test
  void aFlagWinsOverTheEnvironmentWhichWinsOverTheDefault() {
    Map<String, String> environment =
        Map.of(
            "ASSAY_CONSOLE_PORT", "9000",
            "ASSAY_BANDIT_TARGET", "bandit:50052",
            "ASSAY_CONSOLE_TOKEN", "read-only",
            "ASSAY_CONSOLE_ACTIONS", "true");
    ConsoleSettings settings = parse(environment, "--port=9100");
    assertEquals(9100, settings.port());
    assertEquals("bandit:50052", settings.bandit().target());
    assertEquals(Optional.of("read-only"), settings.assignment().token());
    assertTrue(settings.actionsEnabled());
    assertTrue(parse(Map.of(), "--enable-actions").actionsEnabled());
    assertFalse(settings.assignment().toString().contains("read-only"), "token masked");
  }

  @Test
  void aBadSettingIsOneLineNamingIt() {
    InvalidSettingsException port =
        assertThrows(InvalidSettingsException.class, () -> parse(Map.of(), "--port=70000"));
    assertTrue(port.getMessage().contains("--console-port"), port.getMessage());
    InvalidSettingsException interval =
        assertThrows(
            InvalidSettingsException.class,
            () -> parse(Map.of("ASSAY_CONSOLE_BANDIT_SAMPLE_INTERVAL", "0s")));
    assertTrue(interval.getMessage().contains("--console-bandit-sample-interval"));
    InvalidSettingsException ca =
        assertThrows(
            InvalidSettingsException.class, () -> parse(Map.of(), "--ca-file=/no/such/ca.pem"));
    assertTrue(ca.getMessage().contains("--ca-file"));
    assertThrows(InvalidSettingsException.class, () -> parse(Map.of("ASSAY_CONSOLE_PROT", "1")));
  }

  @Test
  void everyConsoleVariableIsKnownSoTheServicesAcceptASharedEnvironment() {
    new CommandLine(new ConsoleCommand())
        .getCommandSpec()
        .options()
        .forEach(
            option -> {
              if (!option.usageHelp() && !option.versionHelp()) {
                String name = EnvironmentDefaults.environmentName(option.longestName());
                assertTrue(AssayEnvironment.KNOWN.contains(name), name);
              }
            });
  }
}
