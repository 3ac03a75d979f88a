package dev.assay.cli.flags;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assay.cli.AssayCommand;
import dev.assay.cli.Cli;
import dev.assay.cli.CliResult;
import dev.assay.cli.support.RealServices;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code assay flags} and {@code assay overrides} on flags, against the real assignment service.
 */
class FlagsCommandTest {
  @TempDir Path directory;
  private final Map<String, String> environment = RealServices.shared().environment();
  private final String key = "cli-flag-" + UUID.randomUUID().toString().substring(0, 8);

  private String json(String color, boolean killed) {
    return """
        {"key": "%s", "description": "Button colour", "value_type": "FLAG_VALUE_TYPE_STRING",
         "default_value": "grey", "killed": %s,
         "rules": [{"id": "fr", "condition": {"country": "FR"}, "force": {"value": "%s"}}]}
        """
        .formatted(key, killed, color);
  }

  private CliResult apply(String content, String... extra) throws Exception {
    Path file = directory.resolve("flag.json");
    Files.writeString(file, content);
    String[] args = new String[] {"flags", "apply", "-f", file.toString()};
    if (extra.length > 0) {
      args = new String[] {"flags", "apply", "-f", file.toString(), extra[0]};
    }
    return Cli.run(environment, args);
  }

  @Test
  void applyCreatesLeavesEqualAloneDiffsAChangeAndDryRunWritesNothing() throws Exception {
    assertEquals("flag " + key + ": created\n  version 1\n", apply(json("blue", false)).out());
    assertEquals("flag " + key + ": unchanged\n", apply(json("blue", false)).out());

    CliResult dryRun = apply(json("red", true), "--dry-run");
    assertEquals(
        "flag "
            + key
            + ": would be updated\n"
            + "  rules[0].force.value: \"blue\" -> \"red\"\n"
            + "  killed: (unset) -> true\n",
        dryRun.out());
    assertTrue(Cli.run(environment, "flags", "get", key).out().contains(" 1 "), "still version 1");

    CliResult changed = apply(json("red", true));
    assertEquals(AssayCommand.OK, changed.exitCode(), changed::toString);
    assertTrue(changed.out().endsWith("  version 1 -> 2\n"), changed::out);
    CliResult got = Cli.run(environment, "flags", "get", key);
    String row = got.out().lines().skip(1).findFirst().orElseThrow();
    assertTrue(row.matches(key + " +STRING +\"grey\" +1 +KILLED +2 +Button colour"), row);
    assertEquals("flag " + key + ": unchanged\n", apply(json("red", true)).out());

    CliResult listed = Cli.run(environment, "flags", "list", "--output", "json");
    assertTrue(listed.out().contains("\"key\": \"" + key + "\""), listed::out);

    CliResult archived = Cli.run(environment, "flags", "archive", key);
    assertEquals("flag " + key + ": archived (version 3)\n", archived.out());
    assertTrue(
        Cli.run(environment, "flags", "list").out().lines().noneMatch(l -> l.startsWith(key)));
  }

  @Test
  void aFlagOfTheWrongTypeIsRefusedInOneLine() throws Exception {
    CliResult refused =
        apply(
            "{\"key\": \"%s\", \"value_type\": \"FLAG_VALUE_TYPE_BOOL\", \"default_value\": 3}"
                .formatted(key));
    assertEquals(AssayCommand.BAD_INPUT, refused.exitCode(), refused::toString);
    assertTrue(refused.err().startsWith("assay: flag.default_value"), refused::err);
    assertTrue(refused.err().endsWith("(INVALID_ARGUMENT)\n"), refused::err);
  }

  @Test
  void overridesSetListAndDeleteAFlagValueForOneUnit() throws Exception {
    apply(json("blue", false));
    CliResult set =
        Cli.run(
            environment,
            "overrides",
            "set",
            "--flag",
            key,
            "--unit",
            "user-7",
            "--value",
            "\"pink\"",
            "--note",
            "QA",
            "--set-by",
            "ana");
    assertEquals(AssayCommand.OK, set.exitCode(), set::toString);

    CliResult listed = Cli.run(environment, "overrides", "list", "--flag", key);
    assertEquals(AssayCommand.OK, listed.exitCode(), listed::toString);
    assertEquals(2, listed.out().lines().count(), listed::out);
    assertTrue(
        listed
            .out()
            .lines()
            .skip(1)
            .findFirst()
            .orElseThrow()
            .matches("user-7 +\"pink\" +never +ana +QA"),
        listed::out);

    CliResult explained = Cli.run(environment, "explain", "--unit", "user-7", "--output", "json");
    assertTrue(explained.out().contains("\"flag_key\": \"" + key + "\""), explained::out);
    assertTrue(explained.out().contains("\"string_value\"") || explained.out().contains("pink"));

    CliResult wrongKind =
        Cli.run(environment, "overrides", "set", "--flag", key, "--unit", "u", "--variation", "a");
    assertEquals(AssayCommand.BAD_INPUT, wrongKind.exitCode());
    assertTrue(wrongKind.err().startsWith("assay: --value: give the JSON value"), wrongKind::err);

    CliResult deleted =
        Cli.run(environment, "overrides", "delete", "--flag", key, "--unit", "user-7");
    assertEquals("override of unit user-7 in flag " + key + ": deleted\n", deleted.out());
    CliResult again =
        Cli.run(environment, "overrides", "delete", "--flag", key, "--unit", "user-7");
    assertEquals(AssayCommand.BAD_INPUT, again.exitCode(), again::toString);
    assertTrue(again.err().endsWith("(NOT_FOUND)\n"), again::err);
  }
}
