package dev.assay.cli.power;

import dev.assay.cli.CommandGroup;
import picocli.CommandLine.Command;

/** {@code assay sample-size}: power analysis on the analysis service's PowerService. */
@Command(
    name = "sample-size",
    description = {
      "Plans an experiment: give two of units per arm (--units), minimum detectable effect (--mde)"
          + " and power (--power, default 0.8) and the analysis service solves the third.",
    },
    subcommands = {ProportionSampleSizeCommand.class, MeanSampleSizeCommand.class})
public final class SampleSizeCommand extends CommandGroup {}
