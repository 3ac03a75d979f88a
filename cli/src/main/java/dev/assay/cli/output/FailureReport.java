package dev.assay.cli.output;

import dev.assay.cli.AssayCommand;
import io.grpc.StatusRuntimeException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns a failed call into its {@link StatusReport} on standard error: exit code 1 when the server
 * refused the request, 2 when it could not answer. Anything else is a bug in the command line and
 * keeps its stack trace.
 */
public final class FailureReport implements IExecutionExceptionHandler {
  @Override
  public int handleExecutionException(
      Exception exception, CommandLine commandLine, ParseResult parseResult) throws Exception {
    if (!(exception instanceof StatusRuntimeException failure)) {
      throw exception;
    }
    AssayCommand top = (AssayCommand) commandLine.getCommandSpec().root().userObject();
    PrintWriter err = commandLine.getErr();
    err.print(
        StatusReport.describe(
            failure, top.connection().target(top.calledService()), top.connection().hasToken()));
    err.flush();
    return StatusReport.isUnavailable(failure) ? AssayCommand.UNAVAILABLE : AssayCommand.BAD_INPUT;
  }
}
