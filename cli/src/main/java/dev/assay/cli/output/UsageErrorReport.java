package dev.assay.cli.output;

import dev.assay.cli.AssayCommand;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * A usage error in one line (what is wrong, and where the help is) and exit code 1, rather than the
 * whole help text, which would push the one line that matters off the screen. Suggestions for a
 * mistyped command follow on their own lines.
 */
public final class UsageErrorReport implements IParameterExceptionHandler {
  @Override
  public int handleParseException(ParameterException exception, String[] args) {
    CommandLine commandLine = exception.getCommandLine();
    PrintWriter err = commandLine.getErr();
    err.println(
        "assay: "
            + TerminalText.clean(String.valueOf(exception.getMessage()))
            + " (try '"
            + commandLine.getCommandSpec().qualifiedName()
            + " --help')");
    UnmatchedArgumentException.printSuggestions(exception, err);
    err.flush();
    return AssayCommand.BAD_INPUT;
  }
}
