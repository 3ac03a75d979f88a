package dev.assay.cli.experiments;

import dev.assay.assignment.v1.ListExperimentsResponse;
import dev.assay.cli.AssayCommand;
import dev.assay.cli.AssaySubcommand;
import dev.assay.cli.connection.AssayService;
import dev.assay.cli.connection.Connection;
import dev.assay.cli.output.OutputOptions;
import dev.assay.cli.output.ProtoJson;
import dev.assay.cli.output.TextTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code assay experiments list}: every experiment, all pages. */
@Command(name = "list", description = "Lists every experiment in key order.")
final class ListExperimentsCommand extends AssaySubcommand {
  @Option(names = "--archived", description = "Include archived experiments.")
  private boolean archived;

  @Mixin private OutputOptions output = new OutputOptions();

  @Override
  public Integer call() {
    ListExperimentsResponse everything;
    try (Connection connection = connect(AssayService.ASSIGNMENT)) {
      everything = ExperimentListing.all(connection, archived);
    }
    if (output.isJson()) {
      out().println(ProtoJson.pretty(everything));
    } else {
      TextTable table = ExperimentRows.table();
      everything.getExperimentsList().forEach(e -> ExperimentRows.add(table, e));
      table.print(out());
    }
    out().flush();
    return AssayCommand.OK;
  }
}
