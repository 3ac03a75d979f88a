package dev.assay.cli.output;

import dev.assay.cli.AssayCommand;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * A usage error in two lines (what is wrong, and where the help is) and exit code 2, rather than
 * the whole help text, which would push the one line that matters off the screen.
 */
public final class UsageErrorReport implements IParameterExceptionHandler {
  @Override
  public int handleParseException(ParameterException exception, String[] args) {
    CommandLine commandLine = exception.getCommandLine();
    PrintWriter err = commandLine.getErr();
    err.println("error: " + TerminalText.clean(String.valueOf(exception.getMessage())));
    UnmatchedArgumentException.printSuggestions(exception, err);
    err.println("Try '" + commandLine.getCommandSpec().qualifiedName() + " --help'.");
    err.flush();
    return AssayCommand.USAGE;
  }
}
