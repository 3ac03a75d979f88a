package dev.assay.cli;

import dev.assay.cli.connection.AssayService;
import dev.assay.cli.connection.Connection;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
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
   * Opens a channel to the assignment service (or {@code --target}): for the commands any service
   * answers (tokens, audit).
   *
   * @throws picocli.CommandLine.ParameterException if the options are unusable (exit code 1)
   */
  protected final Connection connect() {
    return connect(AssayService.ASSIGNMENT);
  }

  /**
   * Opens a channel to {@code service} (or {@code --target}) with the connection options.
   *
   * @throws picocli.CommandLine.ParameterException if the options are unusable (exit code 1)
   */
  protected final Connection connect(AssayService service) {
    top().call(service);
    return top().connection().open(service, spec.commandLine(), err());
  }

  /** A usage error naming what is wrong (exit code 1, nothing sent). */
  protected final picocli.CommandLine.ParameterException badInput(@Nullable String message) {
    return new picocli.CommandLine.ParameterException(spec.commandLine(), String.valueOf(message));
  }
}
