package dev.assay.cli.metrics;

import dev.assay.analysis.v1.GetMetricRequest;
import dev.assay.analysis.v1.MetricDefinition;
import dev.assay.analysis.v1.MetricServiceGrpc;
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

/** {@code assay metrics get KEY}: one metric definition. */
@Command(
    name = "get",
    description = "Shows one metric definition (--output json for every field, as apply reads it).")
final class GetMetricCommand extends AssaySubcommand {
  @Parameters(paramLabel = "KEY", description = "The metric's key.")
  private String key = "";

  @Mixin private OutputOptions output = new OutputOptions();

  @Override
  public Integer call() {
    MetricDefinition metric;
    try (Connection connection = connect(AssayService.ANALYSIS)) {
      metric =
          connection
              .read(MetricServiceGrpc.newBlockingStub(connection.channel()))
              .getMetric(GetMetricRequest.newBuilder().setKey(key).build())
              .getMetric();
    }
    if (output.isJson()) {
      out().println(ProtoJson.pretty(metric));
    } else {
      TextTable table = MetricRows.table();
      MetricRows.add(table, metric);
      table.print(out());
    }
    out().flush();
    return AssayCommand.OK;
  }
}
