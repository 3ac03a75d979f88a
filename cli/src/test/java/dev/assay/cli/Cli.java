package dev.assay.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Map;

/** Runs the real command tree in-process, with a given environment, capturing both streams. */
public final class Cli {
  private Cli() {}

  /** Runs {@code args} with {@code environment} as the process environment. */
  public static CliResult run(Map<String, String> environment, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    var commandLine = AssayCli.commandLine(environment, Clock.systemUTC(), new SecureRandom());
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    int code = commandLine.execute(args);
    return new CliResult(code, out.toString(), err.toString());
  }

  /** Runs {@code args} with an empty environment. */
  public static CliResult run(String... args) {
    return run(Map.of(), args);
  }
}
