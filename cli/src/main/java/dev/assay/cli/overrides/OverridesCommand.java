package dev.assay.cli.overrides;

import dev.assay.cli.CommandGroup;
import picocli.CommandLine.Command;

/** {@code assay overrides}: per-unit overrides of experiments and flags. */
@Command(
    name = "overrides",
    description = {
      "Sets, lists and deletes per-unit overrides on the assignment service: a unit forced into"
          + " one variation of an experiment, or one value of a flag (overrides:read to list,"
          + " overrides:write to change)."
    },
    subcommands = {
      SetOverrideCommand.class,
      ListOverridesCommand.class,
      DeleteOverrideCommand.class
    })
public final class OverridesCommand extends CommandGroup {}
