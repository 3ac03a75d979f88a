package dev.assay.cli.experiments;

import dev.assay.assignment.v1.DefinitionServiceGrpc;
import dev.assay.assignment.v1.Experiment;
import dev.assay.assignment.v1.GetExperimentRequest;
import dev.assay.cli.AssayCommand;
import dev.assay.cli.AssaySubcommand;
import dev.assay.cli.connection.AssayService;
import dev.assay.cli.connection.Connection;
import dev.assay.cli.output.OutputOptions;
import dev.assay.cli.output.ProtoJson;
import dev.assay.cli.output.TextTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code assay experiments get KEY}: one experiment. */
@Command(
    name = "get",
    description = "Shows one experiment (--output json for every field, as apply reads it).")
final class GetExperimentCommand extends AssaySubcommand {
  @Parameters(paramLabel = "KEY", description = "The experiment's key.")
  private String key = "";

  @Mixin private OutputOptions output = new OutputOptions();

  @Override
  public Integer call() {
    Experiment experiment;
    try (Connection connection = connect(AssayService.ASSIGNMENT)) {
      experiment =
          connection
              .read(DefinitionServiceGrpc.newBlockingStub(connection.channel()))
              .getExperiment(GetExperimentRequest.newBuilder().setKey(key).build())
              .getExperiment();
    }
    if (output.isJson()) {
      out().println(ProtoJson.pretty(experiment));
    } else {
      TextTable table = ExperimentRows.table();
      ExperimentRows.add(table, experiment);
      table.print(out());
    }
    out().flush();
    return AssayCommand.OK;
  }
}
