package dev.assay.cli.bandit;

import dev.assay.cli.CommandGroup;
import picocli.CommandLine.Command;

/** {@code assay bandit}: bandits of the bandit service and what they have learned. */
@Command(
    name = "bandit",
    description = "Lists bandits and shows what each has learned about its arms (bandits:read).",
    subcommands = {ListBanditsCommand.class, InspectBanditCommand.class})
public final class BanditCommand extends CommandGroup {}
