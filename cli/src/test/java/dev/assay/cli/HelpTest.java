package dev.assay.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

class HelpTest {
  /** Every command path in the tree, found by walking it, so a new command is covered at once. */
  static Stream<List<String>> commands() {
    List<List<String>> paths = new ArrayList<>();
    walk(AssayCli.commandLine(Map.of(), Clock.systemUTC(), new SecureRandom()), List.of(), paths);
    return paths.stream();
  }

  private static void walk(CommandLine command, List<String> path, List<List<String>> paths) {
    paths.add(path);
    command
        .getSubcommands()
        .forEach(
            (name, sub) -> {
              List<String> next = new ArrayList<>(path);
              next.add(name);
              walk(sub, next, paths);
            });
  }

  @ParameterizedTest
  @MethodSource("commands")
  void everyCommandHasHelpThatExitsZero(List<String> path) {
    List<String> args = new ArrayList<>(path);
    args.add("--help");
    CliResult result = Cli.run(args.toArray(String[]::new));
    assertEquals(0, result.exitCode(), result::toString);
    assertTrue(result.out().startsWith("Usage: assay"), result::out);
    assertEquals("", result.err());
  }

  @Test
  void theTreeHasTheExpectedCommands() {
    List<String> names = commands().map(p -> String.join(" ", p)).toList();
    assertTrue(
        names.containsAll(
            List.of(
                "tokens create",
                "tokens list",
                "tokens revoke",
                "tokens generate",
                "audit list",
                "audit export",
                "generate-completion",
                "experiments apply",
                "experiments stop",
                "flags archive",
                "overrides set",
                "explain",
                "results",
                "sample-size proportions",
                "sample-size means",
                "ttest",
                "mannwhitney",
                "bandit inspect",
                "bandit list")),
        names::toString);
  }

  @Test
  void topHelpListsTheExitCodes() {
    String help = Cli.run("--help").out();
    assertTrue(help.contains("Exit codes:"), help);
    assertTrue(help.contains("1   bad input"), help);
    assertTrue(help.contains("2   unavailable"), help);
    assertTrue(help.contains("ASSAY_TOKEN"), help);
  }

  @Test
  void versionPrintsAssaysVersion() {
    CliResult result = Cli.run("--version");
    assertEquals(0, result.exitCode());
    assertTrue(result.out().startsWith("Assay "), result::out);
  }

  @Test
  void noCommandOrAnUnknownOneIsAUsageError() {
    CliResult none = Cli.run();
    assertEquals(AssayCommand.BAD_INPUT, none.exitCode());
    assertTrue(none.err().startsWith("Usage: assay"), none::err);
    CliResult group = Cli.run("audit");
    assertEquals(AssayCommand.BAD_INPUT, group.exitCode());
    CliResult unknown = Cli.run("tokens", "lst");
    assertEquals(AssayCommand.BAD_INPUT, unknown.exitCode());
    assertTrue(unknown.err().contains("list"), "suggests the closest command: " + unknown.err());
    CliResult unknownOption = Cli.run("audit", "list", "--limt", "3");
    assertEquals(AssayCommand.BAD_INPUT, unknownOption.exitCode());
    assertTrue(unknownOption.err().startsWith("assay: Unknown option"), unknownOption::err);
    assertTrue(unknownOption.err().contains("(try 'assay audit list --help')"), unknownOption::err);
  }

  @Test
  void completionIsABashScriptForEveryCommand() {
    CliResult result = Cli.run("generate-completion");
    assertEquals(0, result.exitCode(), result::toString);
    assertTrue(
        result.out().contains("complete -F _complete_assay"),
        result.out().lines().limit(5).toList()::toString);
    assertTrue(result.out().contains("experiments:write"), "scope names complete");
    assertTrue(result.out().contains("--resource-type"));
  }
}
