package dev.assay.cli.flags;

import dev.assay.cli.CommandGroup;
import picocli.CommandLine.Command;

/** {@code assay flags}: the feature flags of the assignment service. */
@Command(
    name = "flags",
    description = {
      "Lists, shows, applies and archives feature flags on the assignment service"
          + " (flags:read to read, flags:write to change)."
    },
    subcommands = {
      ListFlagsCommand.class,
      GetFlagCommand.class,
      ApplyFlagsCommand.class,
      ArchiveFlagCommand.class
    })
public final class FlagsCommand extends CommandGroup {}
