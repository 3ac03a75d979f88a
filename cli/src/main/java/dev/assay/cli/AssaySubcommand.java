package dev.assay.cli;

import dev.assay.cli.connection.Connection;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A runnable subcommand: its output streams, and the top command's clock, randomness and
 * connection. Returns an exit code of {@link AssayCommand}.
 */
public abstract class AssaySubcommand implements Callable<Integer> {
  @SuppressWarnings("NullAway.Init") // injected by picocli before call()
  @Spec
  private CommandSpec spec;

  /** The top command, which holds the shared options and sources. */
  protected final AssayCommand top() {
    return (AssayCommand) spec.root().userObject();
  }

  /** Standard output (results only, so they can be piped). */
  protected final PrintWriter out() {
    return spec.commandLine().getOut();
  }

  /** Standard error (warnings and progress). */
  protected final PrintWriter err() {
    return spec.commandLine().getErr();
  }

  /** This command's picocli spec, for usage errors naming its options. */
  protected final CommandSpec spec() {
    return spec;
  }

  /**
   * Opens a channel to the target with the connection options.
   *
   * @throws picocli.CommandLine.ParameterException if those options are unusable (exit code 2)
   */
  protected final Connection connect() {
    return top().connection().open(spec.commandLine(), err());
  }
}
