package dev.assay.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A command that only groups subcommands ({@code assay experiments}): alone, it prints its usage.
 */
public abstract class CommandGroup implements Callable<Integer> {
  @SuppressWarnings("NullAway.Init") // injected by picocli
  @Spec
  private CommandSpec spec;

  /** Without a subcommand: the usage, as an error. */
  @Override
  public final Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return AssayCommand.BAD_INPUT;
  }
}
