package dev.assay.cli.metrics;

import dev.assay.cli.AssayCommand;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code assay metrics}: the metric definitions of an analysis service. */
@Command(
    name = "metrics",
    description = {
      "Lists, shows and applies metric definitions on the analysis service (metrics:read to read,"
          + " metrics:write to apply).",
    },
    subcommands = {ListMetricsCommand.class, GetMetricCommand.class, ApplyMetricsCommand.class})
public final class MetricsCommand implements Callable<Integer> {
  @SuppressWarnings("NullAway.Init") // injected by picocli
  @Spec
  private CommandSpec spec;

  /** Without a subcommand: the usage, as an error. */
  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return AssayCommand.BAD_INPUT;
  }
}
