package dev.assay.cli.results;

import dev.assay.analysis.v1.ExperimentResults;
import dev.assay.analysis.v1.GetExperimentResultsRequest;
import dev.assay.analysis.v1.ResultsServiceGrpc;
import dev.assay.cli.AssayCommand;
import dev.assay.cli.AssaySubcommand;
import dev.assay.cli.connection.AssayService;
import dev.assay.cli.connection.Connection;
import dev.assay.cli.output.ProtoJson;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code assay results EXPERIMENT}: the live results of an experiment, from the analysis service.
 */
@Command(
    name = "results",
    description = {
      "Shows an experiment's live results: recommendation, progress, sample-ratio check, and per"
          + " metric x variation the units, value, lift (absolute and relative) with their"
          + " confidence intervals, p-value (and whether it is valid yet), always-valid p-value,"
          + " chance to beat control and guardrail status."
    })
public final class ResultsCommand extends AssaySubcommand {
  @Parameters(paramLabel = "EXPERIMENT", description = "The experiment's key.")
  private String experiment = "";

  @Option(
      names = "--metric",
      paramLabel = "KEY",
      description = "Only this metric; repeat for more. Default: the plan's metrics.")
  private List<String> metrics = new ArrayList<>();

  @Option(
      names = "--include-overridden",
      description = "Count units whose variation an override chose (left out by default).")
  private boolean includeOverridden;

  @Option(
      names = "--output",
      paramLabel = "FORMAT",
      defaultValue = "table",
      description =
          "table, json (proto3 JSON) or csv (one row per metric x variation)."
              + " Default: ${DEFAULT-VALUE}.")
  private ResultsFormat format = ResultsFormat.table;

  @Override
  public Integer call() {
    ExperimentResults results;
    try (Connection connection = connect(AssayService.ANALYSIS)) {
      results =
          connection
              .read(ResultsServiceGrpc.newBlockingStub(connection.channel()))
              .getExperimentResults(
                  GetExperimentResultsRequest.newBuilder()
                      .setExperimentKey(experiment)
                      .addAllMetricKeys(metrics)
                      .setIncludeOverriddenUnits(includeOverridden)
                      .build())
              .getResults();
    }
    switch (format) {
      case json -> out().println(ProtoJson.pretty(results));
      case csv -> ResultsCsv.print(results, out());
      case table -> ResultsTable.print(results, out());
    }
    out().flush();
    return AssayCommand.OK;
  }
}
