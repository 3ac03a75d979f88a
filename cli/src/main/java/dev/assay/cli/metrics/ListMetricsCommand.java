package dev.assay.cli.metrics;

import dev.assay.analysis.v1.ListMetricsRequest;
import dev.assay.analysis.v1.ListMetricsResponse;
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

/** {@code assay metrics list}: every metric definition, all pages, in key order. */
@Command(name = "list", description = "Lists every metric definition in key order.")
final class ListMetricsCommand extends AssaySubcommand {
  private static final int PAGE_SIZE = 1000;

  @Mixin private OutputOptions output = new OutputOptions();

  @Override
  public Integer call() {
    ListMetricsResponse.Builder everything = ListMetricsResponse.newBuilder();
    try (Connection connection = connect(AssayService.ANALYSIS)) {
      String pageToken = "";
      do {
        ListMetricsResponse page =
            connection
                .read(MetricServiceGrpc.newBlockingStub(connection.channel()))
                .listMetrics(
                    ListMetricsRequest.newBuilder()
                        .setPageSize(PAGE_SIZE)
                        .setPageToken(pageToken)
                        .build());
        everything.addAllMetrics(page.getMetricsList());
        pageToken = page.getNextPageToken();
      } while (!pageToken.isEmpty());
    }
    if (output.isJson()) {
      out().println(ProtoJson.pretty(everything));
    } else {
      TextTable table = MetricRows.table();
      everything.getMetricsList().forEach(metric -> MetricRows.add(table, metric));
      table.print(out());
    }
    out().flush();
    return AssayCommand.OK;
  }
}
