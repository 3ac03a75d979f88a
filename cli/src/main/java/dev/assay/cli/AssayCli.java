package dev.assay.cli;

import dev.assay.cli.connection.CliEnvironment;
import dev.assay.cli.output.FailureReport;
import dev.assay.cli.output.UsageErrorReport;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Map;
import picocli.CommandLine;

/**
 * The {@code assay} command line: wires the command tree with the process's environment, clock and
 * randomness, and exits with the command's code (0 ok, 1 the server refused or failed, 2 usage).
 */
public final class AssayCli {
  private AssayCli() {}

  /** Runs one command and exits the JVM with its code. */
  public static void main(String[] args) {
    System.exit(commandLine(System.getenv(), Clock.systemUTC(), new SecureRandom()).execute(args));
  }

  /**
   * The command tree, ready to {@link CommandLine#execute}; tests pass their own environment and
   * capture its output with {@link CommandLine#setOut} and {@link CommandLine#setErr}.
   */
  public static CommandLine commandLine(
      Map<String, String> environment, Clock clock, SecureRandom random) {
    CommandLine commandLine = new CommandLine(new AssayCommand(clock, random));
    commandLine.setDefaultValueProvider(new CliEnvironment(environment));
    commandLine.setExecutionExceptionHandler(new FailureReport());
    commandLine.setParameterExceptionHandler(new UsageErrorReport());
    return commandLine;
  }
}
