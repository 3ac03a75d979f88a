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
 * randomness, and exits with the command's code (0 ok, 1 bad input or a refused request, 2 the
 * service could not answer).
 */
public final class AssayCli {
  /**
   * Set to 1 by the {@code assay} launcher when standard error is a terminal: Java 17 cannot ask
   * that of stderr alone, and a progress bar must not litter a log file.
   */
  static final String STDERR_TERMINAL = "ASSAY_STDERR_IS_TERMINAL";

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
    CommandLine commandLine =
        new CommandLine(
            new AssayCommand(clock, random, "1".equals(environment.get(STDERR_TERMINAL))));
    commandLine.setDefaultValueProvider(new CliEnvironment(environment));
    commandLine.setExecutionExceptionHandler(new FailureReport());
    commandLine.setParameterExceptionHandler(new UsageErrorReport());
    return commandLine;
  }
}
