package dev.assay.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assay.runtime.client.PeerSettings;
import dev.assay.runtime.config.InvalidSettingsException;
import dev.assay.runtime.config.SettingsParser;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The assignment peer and monitor settings: defaults, environment, flags, errors, secrecy. */
class MonitorSettingsTest {
  private static MonitorSettings parse(Map<String, String> environment, String... args) {
    return SettingsParser.parse(
            new AnalysisCommand(), args, environment, new PrintWriter(new StringWriter()))
        .orElseThrow()
        .monitor();
  }

  private static String error(Map<String, String> environment, String... args) {
    return assertThrows(InvalidSettingsException.class, () -> parse(environment, args))
        .getMessage();
  }

  @Test
  void defaultsReachAssignmentOnLocalhostAndRunEveryMinute() {
    MonitorSettings settings = parse(Map.of());
    assertEquals(MonitorSettings.DEFAULTS, settings);
    assertEquals(Optional.of(PeerSettings.plaintext("localhost:50051")), settings.assignment());
    assertEquals(Duration.ofMinutes(1), settings.monitorInterval());
  }

  @Test
  void environmentFillsInAndFlagsWin() {
    Map<String, String> environment =
        Map.of(
            "ASSAY_ASSIGNMENT_TARGET", "dns:///assignment:50051",
            "ASSAY_ASSIGNMENT_TOKEN", "ast_secret_value",
            "ASSAY_MONITOR_INTERVAL", "5s");
    MonitorSettings settings = parse(environment);
    assertEquals("dns:///assignment:50051", settings.assignment().orElseThrow().target());
    assertEquals(Optional.of("ast_secret_value"), settings.assignment().get().token());
    assertEquals(Duration.ofSeconds(5), settings.monitorInterval());
    assertEquals(
        Duration.ofSeconds(1), parse(environment, "--monitor-interval=1s").monitorInterval());
  }

  @Test
  void noneTurnsPlanLookupsAndTheMonitorOff() {
    assertEquals(Optional.empty(), parse(Map.of(), "--assignment-target=none").assignment());
  }

  @Test
  void theTokenIsNeverShown() {
    MonitorSettings settings = parse(Map.of(), "--assignment-token=ast_do_not_print");
    assertFalse(settings.toString().contains("ast_do_not_print"), settings.toString());
    assertTrue(settings.toString().contains("token=***"), settings.toString());
  }

  @Test
  void badValuesAreOneLineNamingTheSetting() {
    String tooOften = error(Map.of(), "--monitor-interval=500ms");
    assertTrue(tooOften.contains("--monitor-interval"), tooOften);
    assertFalse(tooOften.contains("\n"), tooOften);
    String tooRare = error(Map.of("ASSAY_MONITOR_INTERVAL", "2d"));
    assertTrue(tooRare.contains("--monitor-interval"), tooRare);
    String missing = error(Map.of(), "--assignment-ca-file=" + Path.of("/nonexistent/ca.pem"));
    assertTrue(missing.contains("--assignment-ca-file"), missing);
    String blank = error(Map.of(), "--assignment-target= ");
    assertTrue(blank.contains("--assignment-target"), blank);
  }
}
