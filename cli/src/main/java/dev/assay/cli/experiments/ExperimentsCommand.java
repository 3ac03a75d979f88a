package dev.assay.cli.experiments;

import dev.assay.cli.CommandGroup;
import picocli.CommandLine.Command;

/** {@code assay experiments}: the experiment definitions of the assignment service. */
@Command(
    name = "experiments",
    description = {
      "Lists, shows, applies and stops experiments on the assignment service"
          + " (experiments:read to read, experiments:write to change)."
    },
    subcommands = {
      ListExperimentsCommand.class,
      GetExperimentCommand.class,
      ApplyExperimentsCommand.class,
      StopExperimentCommand.class
    })
public final class ExperimentsCommand extends CommandGroup {}
