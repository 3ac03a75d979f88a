package dev.assay.cli.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.assay.cli.AssayCommand;
import dev.assay.cli.Cli;
import dev.assay.cli.CliResult;
import dev.assay.cli.support.RealServices;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code assay experiments} against the real assignment service. */
class ExperimentsCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path directory;
  private final Map<String, String> environment = RealServices.shared().environment();
  private final String key = "cli-exp-" + UUID.randomUUID().toString().substring(0, 8);

  private String yaml(double coverage, double controlWeight) {
    return """
        key: %s
        name: Checkout button
        status: EXPERIMENT_STATUS_RUNNING
        coverage: %s
        variations:
          - key: control
            weight: %s
          - key: green
            weight: %s
        """
        .formatted(key, coverage, controlWeight, 1 - controlWeight);
  }

  private CliResult apply(String content, String... extra) throws Exception {
    Path file = directory.resolve("experiment.yaml");
    Files.writeString(file, content);
    String[] args = new String[3 + extra.length];
    args[0] = "experiments";
    args[1] = "apply";
    args[2] = "-f=" + file;
    System.arraycopy(extra, 0, args, 3, extra.length);
    return Cli.run(environment, args);
  }

  private JsonNode stored() throws Exception {
    CliResult got = Cli.run(environment, "experiments", "get", key, "--output", "json");
    assertEquals(AssayCommand.OK, got.exitCode(), got::toString);
    return JSON.readTree(got.out());
  }

  @Test
  void applyCreatesThenLeavesAnEqualExperimentUnwrittenThenUpdatesOnlyTheChangedFields()
      throws Exception {
    CliResult created = apply(yaml(0.5, 0.5));
    assertEquals(AssayCommand.OK, created.exitCode(), created::toString);
    assertTrue(created.out().startsWith("experiment " + key + ": created\n"), created::out);
    JsonNode first = stored();
    assertEquals("1", first.get("version").asText());

    CliResult again = apply(yaml(0.5, 0.5));
    assertEquals(AssayCommand.OK, again.exitCode(), again::toString);
    assertEquals("experiment " + key + ": unchanged\n", again.out());
    JsonNode second = stored();
    assertEquals(first.get("version"), second.get("version"), "no write: same version");
    assertEquals(first.get("update_time"), second.get("update_time"), "no write: same time");

    CliResult dryRun = apply(yaml(0.8, 0.5), "--dry-run");
    assertEquals(AssayCommand.OK, dryRun.exitCode(), dryRun::toString);
    assertTrue(dryRun.out().contains(": would be updated"), dryRun::out);
    assertTrue(dryRun.out().contains("  coverage: 0.5 -> 0.8\n"), dryRun::out);
    // Raising coverage from 50% to 80% brings 30% of all units in and moves nobody already in.
    assertTrue(
        dryRun
            .out()
            .contains("units that would move: 30.00% (switch variation 0.00%, enter 30.00%"),
        dryRun::out);
    assertEquals(first.get("version"), stored().get("version"), "a dry run writes nothing");
    assertEquals(first.get("update_time"), stored().get("update_time"));

    CliResult changed = apply(yaml(0.8, 0.5));
    assertEquals(AssayCommand.OK, changed.exitCode(), changed::toString);
    assertTrue(changed.out().contains("experiment " + key + ": updated\n"), changed::out);
    assertTrue(changed.out().contains("  coverage: 0.5 -> 0.8\n"), changed::out);
    assertTrue(changed.out().contains("  version 1 -> 2\n"), changed::out);
    JsonNode third = stored();
    assertEquals(0.8, third.get("coverage").asDouble());
    assertEquals("2", third.get("version").asText());

    CliResult stable = apply(yaml(0.8, 0.5));
    assertEquals("experiment " + key + ": unchanged\n", stable.out(), "idempotent after a change");
  }

  @Test
  void listGetAndStopShowTheExperimentAndRollOutAVariation() throws Exception {
    assertEquals(AssayCommand.OK, apply(yaml(1, 0.5)).exitCode());

    CliResult listed = Cli.run(environment, "experiments", "list");
    assertEquals(AssayCommand.OK, listed.exitCode(), listed::toString);
    assertTrue(listed.out().startsWith("KEY "), listed::out);
    String row = listed.out().lines().filter(l -> l.startsWith(key)).findFirst().orElseThrow();
    assertTrue(
        row.matches(key + " +RUNNING +100% +control=0\\.500,green=0\\.500 +1 +Checkout button"),
        row);

    CliResult json = Cli.run(environment, "experiments", "list", "--output", "json");
    assertTrue(json.out().contains("\"key\": \"" + key + "\""), json::out);

    CliResult badVariation = Cli.run(environment, "experiments", "stop", key, "--roll-out", "blue");
    assertEquals(AssayCommand.BAD_INPUT, badVariation.exitCode(), badVariation::toString);
    assertEquals(
        "assay: --roll-out: experiment "
            + key
            + " has no variation 'blue'; its variations are"
            + " control, green (try 'assay experiments stop --help')\n",
        badVariation.err());

    CliResult stopped = Cli.run(environment, "experiments", "stop", key, "--roll-out", "green");
    assertEquals(AssayCommand.OK, stopped.exitCode(), stopped::toString);
    assertTrue(stopped.out().contains("stopped, rolled out green"), stopped::out);
    CliResult got = Cli.run(environment, "experiments", "get", key);
    assertTrue(got.out().contains("STOPPED(green)"), got::out);
  }

  @Test
  void aRefusedExperimentIsOneLineNamingTheFieldWithExitCode1() throws Exception {
    CliResult refused = apply(yaml(1.5, 0.5));
    assertEquals(AssayCommand.BAD_INPUT, refused.exitCode(), refused::toString);
    assertTrue(refused.err().startsWith("assay: experiment.coverage: "), refused::err);
    assertTrue(refused.err().endsWith(" (INVALID_ARGUMENT)\n"), refused::err);
    assertEquals(1, refused.err().lines().count(), refused::err);

    CliResult missing = Cli.run(environment, "experiments", "get", "no-such-" + key);
    assertEquals(AssayCommand.BAD_INPUT, missing.exitCode());
    assertTrue(missing.err().endsWith("(NOT_FOUND)\n"), missing::err);
  }

  @Test
  void aFileThatIsNotAnExperimentSendsNothingAndNamesTheFile() throws Exception {
    CliResult bad = apply("key: " + key + "\ncoverage: [1, 2]\n");
    assertEquals(AssayCommand.BAD_INPUT, bad.exitCode(), bad::toString);
    assertTrue(bad.err().startsWith("assay: --file "), bad::err);
    assertTrue(bad.err().contains("resource 1"), bad::err);
    CliResult unknownField = apply("key: " + key + "\ncoverag: 0.5\n");
    assertEquals(AssayCommand.BAD_INPUT, unknownField.exitCode(), unknownField::toString);
    CliResult absent = Cli.run(environment, "experiments", "get", key);
    assertEquals(AssayCommand.BAD_INPUT, absent.exitCode(), "nothing was created");
  }

  @Test
  void anUnreachableServiceExitsWith2AndTheCommandTargetOverridesThePerServiceOne() {
    Map<String, String> nowhere = new HashMap<>(environment);
    nowhere.put("ASSAY_TARGET", "127.0.0.1:1");
    CliResult down = Cli.run(nowhere, "experiments", "list");
    assertEquals(AssayCommand.UNAVAILABLE, down.exitCode(), down::toString);
    assertTrue(down.err().startsWith("assay: "), down::err);
    assertTrue(
        down.err().contains("(UNAVAILABLE); hint: is an Assay service listening on 127.0.0.1:1?"),
        down::err);
  }
}
